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
        Assert.StartsWith("13:14:15 [Ingesting] dataset ready", console.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("13:14:15 [Training] sharded: training job sharded-job started", console.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_line_carries_the_stage_its_event_belongs_to_not_the_one_it_led_to()
    {
        var console = new TestConsole();
        var events = new ExperimentEventsFor(Guid.NewGuid());
        var progress = new ExperimentProgress(events.ExperimentId, ExperimentEventsFor.TwoVariantSpec);
        var view = new PlainProgressView(console.Console, new FixedClock(new DateTimeOffset(2024, 5, 6, 13, 14, 15, TimeSpan.Zero)));

        await view.FollowAsync(progress, report =>
        {
            report(progress.Apply(events.Ingested()));
            report(progress.Apply(events.Trained("replicated")));
            report(progress.Apply(events.Trained("sharded")));
            report(progress.Apply(events.InService("replicated")));
            report(progress.Apply(events.InService("sharded")));
            report(progress.Apply(events.Evaluated("sharded")));
            return Task.CompletedTask;
        });

        Assert.Contains(console.Lines, l => l.Contains("[Training] sharded: trained", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("[Deploying] sharded: endpoint", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("[Evaluating] sharded: evaluated", StringComparison.Ordinal));
        Assert.DoesNotContain(console.Lines, l => l.Contains("[Deploying] sharded: trained", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_waiting_for_the_training_slot_is_said_to_be_queued_behind_the_other()
    {
        var console = new TestConsole();
        var events = new ExperimentEventsFor(Guid.NewGuid());
        var progress = new ExperimentProgress(events.ExperimentId, ExperimentEventsFor.TwoVariantSpec);
        var view = new PlainProgressView(console.Console, new FixedClock(new DateTimeOffset(2024, 5, 6, 13, 14, 15, TimeSpan.Zero)));

        await view.FollowAsync(progress, report =>
        {
            report(progress.Apply(events.Ingested()));
            report(progress.Apply(events.Status("replicated", "Starting")));
            report(progress.Apply(events.Status("sharded", "Starting")));
            report(progress.Apply(events.Status("replicated", "Downloading")));
            return Task.CompletedTask;
        });

        Assert.Contains("replicated: training job replicated-job: Downloading (sharded is queued behind it", console.Lines[^1], StringComparison.Ordinal);
        Assert.Equal("starting: queued behind replicated (LocalSageMaker trains one job at a time by default)", progress.Describe(progress.Variants[1]));
        Assert.Equal("training (Downloading)", progress.Describe(progress.Variants[0]));
    }
}
