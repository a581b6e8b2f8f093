using System.Text.RegularExpressions;
using Pipeline.Cli.Tests.Support;

namespace Pipeline.Cli.Tests.Distributed;

/// <summary>`pipeline chaos`: every service kind killed with SIGKILL once, mid-experiment, and restarted.</summary>
[Collection(DistributedCollection.Name)]
public sealed partial class When_a_service_process_is_killed : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pipeline-chaos-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Every_experiment_completes_and_nothing_is_left_or_created_twice()
    {
        // Six runs: each of the six service kinds is killed once (the Coordinator included), in an order the seed sets.
        using var chaos = PipelineProcess.Start(_folder, null, ["chaos", "--runs", "6", "--rows-per-year", "2000", "--folder", Path.Combine(_folder, "chaos")]);

        var exitCode = await chaos.WaitForExitAsync(TimeSpan.FromMinutes(12));

        Assert.True(exitCode == 0, chaos.Output);
        var killed = Killed().Matches(chaos.Output).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(["Coordinator", "Deployer", "Evaluator", "Ingestor", "JobWatcher", "Trainer"], killed.Order());
        Assert.Matches(Tally(), chaos.Output);
    }

    [GeneratedRegex(@"^run \d+/6: killed (\w+) at", RegexOptions.Multiline)]
    private static partial Regex Killed();

    [GeneratedRegex(@"^chaos: 6 of 6 completed, endpoints left 0, duplicate training jobs 0, in _error \d+$", RegexOptions.Multiline)]
    private static partial Regex Tally();
}
