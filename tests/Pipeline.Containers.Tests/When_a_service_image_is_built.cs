using Pipeline.Health;
using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pipeline.ServiceDefaults;

namespace Pipeline.Containers.Tests;

/// <summary>Each service's Dockerfile (build context: the repository root), checked against the projects it builds.</summary>
public sealed class When_a_service_image_is_built
{
    private static readonly string[] CentralFiles = ["global.json", "Directory.Build.props", "Directory.Packages.props"];

    [Theory]
    [MemberData(nameof(Services.ProjectData), MemberType = typeof(Services))]
    public void Restore_sees_the_package_files_and_every_referenced_project_before_any_source(string project)
    {
        var dockerfile = Services.Dockerfile(project);
        var service = Services.Project(project);
        var (restore, restored) = dockerfile.DotnetRun("restore");
        var (publish, published) = dockerfile.DotnetRun("publish");
        Assert.Equal(Services.Project(project).Path, Repository.PathOf(restored));
        Assert.Equal(restored, published);

        var copies = dockerfile.CopiesFromContext.ToList();
        foreach (var (_, sources, _) in copies)
            Assert.All(sources, source => Assert.True(Path.Exists(Repository.PathOf(source)), $"{project}'s Dockerfile copies {source}, which does not exist."));
        var beforeRestore = copies.Where(c => c.Index < restore).SelectMany(c => c.Sources).Select(Repository.PathOf).ToList();
        var beforePublish = copies.Where(c => c.Index < publish).SelectMany(c => c.Sources).Select(Repository.PathOf).ToList();

        Assert.All(CentralFiles, file => Assert.Contains(Repository.PathOf(file), beforeRestore));
        Assert.All(beforeRestore, source => Assert.True(File.Exists(source), $"Only files before the restore, so a source change keeps its layer: {source}"));
        foreach (var reference in service.WithAllReferences())
        {
            Assert.True(beforeRestore.Contains(reference.Path), $"{project}'s Dockerfile does not copy {Path.GetRelativePath(Repository.Root, reference.Path)} before restoring.");
            Assert.True(beforePublish.Contains(reference.Folder), $"{project}'s Dockerfile does not copy {Path.GetRelativePath(Repository.Root, reference.Folder)}/ before publishing.");
        }
    }

    [Theory]
    [MemberData(nameof(Services.ProjectData), MemberType = typeof(Services))]
    public void It_runs_on_the_aspnet_image_exactly_when_the_service_uses_ASP_NET_Core(string project)
    {
        var aspNet = Services.Project(project).WithAllReferences().Any(p => p.UsesAspNetCore);
        Assert.Equal(aspNet ? "mcr.microsoft.com/dotnet/aspnet:10.0" : "mcr.microsoft.com/dotnet/runtime:10.0", Services.Dockerfile(project).RuntimeImage);
    }

    [Theory]
    [MemberData(nameof(Services.ProjectData), MemberType = typeof(Services))]
    public void It_runs_the_services_own_assembly_as_a_user_other_than_root(string project)
    {
        var dockerfile = Services.Dockerfile(project);
        Assert.Equal(["dotnet", $"{Services.Project(project).AssemblyName}.dll"], dockerfile.EntryPoint);
        var user = dockerfile.All("USER").Where(i => i.Stage == dockerfile.FinalStage).Select(i => i.Arguments).LastOrDefault();
        Assert.NotNull(user);
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
    }

    [Theory]
    [MemberData(nameof(Services.ProjectData), MemberType = typeof(Services))]
    public async Task Its_health_check_runs_the_services_probe_on_the_report_the_image_says_to_keep(string project)
    {
        var dockerfile = Services.Dockerfile(project);
        Assert.Equal([.. dockerfile.EntryPoint, HealthProbe.Switch], dockerfile.HealthCheck);
        Assert.True(dockerfile.Environment.TryGetValue("Health__StatusFile", out var inImage), "The image must set Health__StatusFile, or its probe finds no report.");
        Assert.StartsWith("/tmp/", inImage, StringComparison.Ordinal);

        // The same command on the service built beside this test, with the report kept in a folder of the test's own.
        var folder = Directory.CreateTempSubdirectory("pipeline-probe-").FullName;
        try
        {
            var statusFile = Path.Combine(folder, "health.json");
            var (exitCode, output) = await RunAsync(dockerfile.HealthCheck, statusFile);
            Assert.Equal((HealthProbe.Unhealthy, $"not ready: no health report at {statusFile} yet (starting, or stopped)."), (exitCode, output.Trim()));

            var ready = new HealthReportFile(DateTimeOffset.UtcNow, [new HealthReportFile.Check("host-started", HealthStatus.Healthy, "Started", ["ready"])]);
            await ready.WriteAsync(statusFile, CancellationToken.None);
            (exitCode, output) = await RunAsync(dockerfile.HealthCheck, statusFile);
            Assert.Equal((HealthProbe.Healthy, "ready: host-started Healthy"), (exitCode, output.Trim()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_build_context_leaves_out_build_outputs()
    {
        // A project folder copied with the host's obj/ would restore against the host's paths.
        var ignored = File.ReadAllLines(Repository.PathOf(".dockerignore")).Select(l => l.Trim()).ToList();
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> command, string statusFile)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        start.Environment["Health__StatusFile"] = statusFile;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, output);
    }
}
