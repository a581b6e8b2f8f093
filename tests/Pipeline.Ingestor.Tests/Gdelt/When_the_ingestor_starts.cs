using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Data.IO;
using Pipeline.Ingestor.Gdelt;

namespace Pipeline.Ingestor.Tests.Gdelt;

public sealed class When_the_ingestor_starts
{
    [Fact]
    public async Task It_removes_the_temp_files_a_killed_run_left_and_keeps_a_running_ones()
    {
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();
        var folder = PipelineTempFiles.Folder;
        Directory.CreateDirectory(folder);
        var killedRunsYear = Path.Combine(folder, $"gdelt-1729-1979.pid{exited.Id}.{Guid.NewGuid():N}.csv");
        var killedRunsCandidates = Path.Combine(folder, $"pipeline-candidates.pid{exited.Id}.{Guid.NewGuid():N}.tmp");
        var runningYear = PipelineTempFiles.NewPath("gdelt-1729-1980", ".csv");
        foreach (var file in new[] { killedRunsYear, killedRunsCandidates, runningYear })
            await File.WriteAllTextAsync(file, "rows");

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIngestor(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Kind"] = "Local", ["Storage:Root"] = Path.GetTempPath() })
            .Build());
        await using var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetServices<IHostedService>().OfType<LeftoverTempFiles>().Single().StartAsync(CancellationToken.None);

            Assert.False(File.Exists(killedRunsYear));
            Assert.False(File.Exists(killedRunsCandidates));
            Assert.True(File.Exists(runningYear), "this process is running: its file is in use");
        }
        finally
        {
            File.Delete(runningYear);
        }
    }
}
