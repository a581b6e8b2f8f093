using Pipeline.Cli.Output;
using Pipeline.Cli.Progress;
using Pipeline.Cli.Tests.Support;

namespace Pipeline.Cli.Tests.Output;

public class When_showing_progress_as_plain_lines
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    [Fact]
    public async Task Each_change_is_one_timestamped_line_with_the_stage_and_repeats_are_not_printed()
    {
        var console = new TestConsole();
        var events = new ExperimentEventsFor(Guid.NewGuid());
        var progress = new ExperimentProgress(events.ExperimentId, ExperimentEventsFor.TwoVariantSpec);
        var view = new PlainProgressView(console.Console, new FixedClock(new DateTimeOffset(2024, 5, 6, 13, 14, 15, TimeSpan.Zero)));

        await view.FollowAsync(progress, report =>
        {
            report(progress.Apply(events.Ingested()));
            report(progress.Apply(events.Started("sharded")));
            report(progress.Apply(events.Started("sharded")));
            return Task.CompletedTask;
        });

        Assert.Equal(2, console.Lines.Count);
        Assert.StartsWith("13:14:15 [Training] dataset ready", console.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("13:14:15 [Training] sharded: training job sharded-job started", console.Lines[1], StringComparison.Ordinal);
    }
}
