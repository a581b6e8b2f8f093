using Pipeline.Cli.Tests.Support;

namespace Pipeline.Cli.Tests.AsAProcess;

/// <summary>
/// `pipeline run` as its own process, on small generated data (LocalSageMaker on loopback), stopped with kill(2) as
/// kill, timeout, systemd and docker stop do: the signal goes to the process alone.
/// </summary>
public sealed class When_the_process_is_signalled : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(PipelineProcess.SIGTERM, 143)]
    [InlineData(PipelineProcess.SIGINT, 130)]
    public async Task The_first_signal_cancels_tears_down_and_exits_with_the_shells_code(int signal, int exitCode)
    {
        using var pipeline = Start();
        await pipeline.WaitForLineAsync(l => l.Contains("[Training]", StringComparison.Ordinal), Generous);

        pipeline.Signal(signal);

        Assert.Equal(exitCode, await pipeline.WaitForExitAsync(Generous));
        Assert.Contains("cancel requested", pipeline.Output, StringComparison.Ordinal);
        Assert.Contains("Experiment cancelled in Training", pipeline.Output, StringComparison.Ordinal);
        Assert.Contains("Torn down: ", pipeline.Output, StringComparison.Ordinal);
        Assert.Contains("Remaining: nothing", pipeline.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGINT_cancels_a_process_started_in_the_background_with_SIGINT_ignored()
    {
        using var pipeline = Start(interruptIgnored: true);
        await pipeline.WaitForLineAsync(l => l.Contains("[Training]", StringComparison.Ordinal), Generous);

        pipeline.Signal(PipelineProcess.SIGINT);

        Assert.Equal(130, await pipeline.WaitForExitAsync(Generous));
        Assert.Contains("Experiment cancelled in Training", pipeline.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PipelineProcess.SIGTERM, 143)]
    [InlineData(PipelineProcess.SIGINT, 130)]
    public async Task A_second_signal_exits_without_waiting_for_the_teardown(int signal, int exitCode)
    {
        // Every endpoint takes 10 minutes to go from Creating or Deleting: a teardown would take at least that long.
        using var pipeline = Start(new Dictionary<string, string> { ["LocalSageMaker__Hosting__TransitionDelay"] = "00:10:00" });
        // Both models trained: the experiment is deploying (a line's [Stage] is the one its event belongs to, [Training]).
        await pipeline.WaitForLineAsync(l => l.Contains("replicated: trained", StringComparison.Ordinal), Generous);
        await pipeline.WaitForLineAsync(l => l.Contains("sharded: trained", StringComparison.Ordinal), Generous);
        pipeline.Signal(signal);
        await pipeline.WaitForLineAsync(l => l.Contains("cancel requested", StringComparison.Ordinal), Generous);

        pipeline.Signal(signal);

        Assert.Equal(exitCode, await pipeline.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("again: exiting now", pipeline.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Experiment cancelled", pipeline.Output, StringComparison.Ordinal);
    }

    private PipelineProcess Start(IReadOnlyDictionary<string, string>? environment = null, bool interruptIgnored = false) =>
        PipelineProcess.Start(_folder.Path, environment, ["run", "--rows-per-year", "20000", "--out", Path.Combine(_folder.Path, "out")], interruptIgnored);
}
