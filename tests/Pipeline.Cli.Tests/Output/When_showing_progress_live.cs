using Pipeline.Cli.Output;
using Pipeline.Cli.Progress;
using Pipeline.Cli.Tests.Support;

namespace Pipeline.Cli.Tests.Output;

public class When_showing_progress_live
{
    [Fact]
    public async Task The_table_ends_with_a_row_per_variant_and_its_latest_status()
    {
        var console = new TestConsole();
        var events = new ExperimentEventsFor(Guid.NewGuid());
        var progress = new ExperimentProgress(events.ExperimentId, ExperimentEventsFor.TwoVariantSpec);

        await new LiveProgressView(console.Console).FollowAsync(progress, report =>
        {
            report(progress.Apply(events.Ingested()));
            report(progress.Apply(events.Started("sharded")));
            report(progress.Apply(events.TrainingFailed("sharded", "capacity error")));
            return Task.CompletedTask;
        });

        var output = console.Output;
        Assert.Contains(console.Lines, l => l.Contains("replicated", StringComparison.Ordinal) && l.Contains("waiting", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("sharded-job", StringComparison.Ordinal) && l.Contains("failed in Training", StringComparison.Ordinal));
        Assert.Contains("Training", output, StringComparison.Ordinal);
    }
}
