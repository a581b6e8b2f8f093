using Pipeline.Cli.Distributed;

namespace Pipeline.Containers.Tests;

/// <summary>The .NET services compose runs: `pipeline up`'s six and LocalSageMaker, each under its project's name.</summary>
internal static class Services
{
    public static IReadOnlyList<string> Projects { get; } = [.. ProcessTopology.Services.Select(s => $"Pipeline.{s}"), "Pipeline.LocalSageMaker"];

    public static IReadOnlyList<string> Workers { get; } = [.. ProcessTopology.Services.Where(s => s != "Coordinator").Select(s => s.ToLowerInvariant())];

    public static TheoryData<string> ProjectData => new(Projects);

    /// <summary>A project's name in docker-compose.yml, as `up` names its process: pipeline.trainer is trainer.</summary>
    public static string ComposeName(string project) => project["Pipeline.".Length..].ToLowerInvariant();

    public static ProjectFile Project(string project) => new(Repository.PathOf($"services/{project}/{project}.csproj"));

    public static string DockerfilePath(string project) => $"services/{project}/Dockerfile";

    public static Dockerfile Dockerfile(string project) => Tests.Dockerfile.Read(Repository.PathOf(DockerfilePath(project)));
}
