using Pipeline.Contracts;
using Pipeline.Testing;

namespace Pipeline.Coordinator.Tests;

public sealed class When_events_repeat_or_arrive_out_of_order
{
    [Fact]
    public async Task Every_event_delivered_twice_gives_the_same_outcome_and_no_duplicate_command()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        async Task Twice(Func<Task> publish)
        {
            await publish();
            await publish();
        }

        await Twice(h.StartExperiment);
        await h.WaitFor(m => m.Ingesting);
        await Twice(h.Ingested);
        await h.WaitFor(m => m.Training);
        foreach (var v in h.Spec.Variants)
            await Twice(() => h.TrainingStarted(v.Name));
        foreach (var v in h.Spec.Variants)
            await Twice(() => h.TrainingCompleted(v.Name));
        await h.WaitFor(m => m.Deploying);
        foreach (var v in h.Spec.Variants)
            await Twice(() => h.InService(v.Name));
        await h.WaitFor(m => m.Evaluating);
        foreach (var v in h.Spec.Variants)
            await Twice(() => h.Evaluated(v.Name, 3.0));
        await h.WaitFor(m => m.TearingDown);
        foreach (var v in h.Spec.Variants)
            await Twice(() => h.Deleted(v.Name));
        await h.WaitFor(m => m.Completed);
        await h.Published<ExperimentCompleted>();
        await Task.Delay(300);

        Assert.Equal(1, h.SentCount<IngestDataset>());
        Assert.Equal(2, h.SentCount<StartTrainingJob>());
        Assert.Equal(2, h.SentCount<WatchTrainingJob>());
        Assert.Equal(2, h.SentCount<DeployModel>());
        Assert.Equal(2, h.SentCount<EvaluateEndpoint>());
        Assert.Equal(2, h.SentCount<TeardownEndpoint>());
        Assert.Equal(0, h.SentCount<StopTrainingJob>());
        Assert.Equal(1, h.PublishedCount<ExperimentCompleted>());
        Assert.Equal(2, h.Instance!.TornDown.Count);
    }

    [Fact]
    public async Task Completion_before_start_notice_and_late_duplicates_change_nothing()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.Ingest();
        // Two messages are handled at once, so each event waits until the saga has handled the one before:
        // the order below is the order the saga sees.
        await h.TrainingStarted("replicated");
        await h.Consumed<TrainingJobStarted>(1);
        // sharded's completion overtakes its start notice
        await h.TrainingCompleted("sharded", logSpan: 50);
        await h.Consumed<TrainingJobCompleted>(1);
        await h.TrainingStarted("sharded");
        await h.Consumed<TrainingJobStarted>(2);
        await h.TrainingCompleted("replicated", logSpan: 200);
        await h.WaitFor(m => m.Deploying);
        // stale training news in later stages
        await h.TrainingFailed("sharded", "late and wrong");
        await h.Consumed<TrainingJobFailed>(1);
        await h.InService("sharded");
        await h.InService("replicated");
        await h.WaitFor(m => m.Evaluating);
        await h.TrainingCompleted("replicated", logSpan: 999);
        await h.Consumed<TrainingJobCompleted>(3);
        await h.Evaluated("sharded", 2);
        await h.Evaluated("replicated", 1);
        await h.WaitFor(m => m.TearingDown);
        await h.Deleted("replicated");
        await h.Deleted("sharded");
        await h.WaitFor(m => m.Completed);

        var report = (await h.Published<ExperimentCompleted>()).Report;
        Assert.Equal(200, report.Variants.Single(v => v.Variant == "replicated").LogSpanSeconds);
        Assert.Equal(4.0, report.Variants.Single(v => v.Variant == "sharded").SpeedUp);
        Assert.Equal(1, h.SentCount<WatchTrainingJob>()); // sharded had already finished when its start notice came
        Assert.Equal(0, h.SentCount<StopTrainingJob>());
        Assert.Equal(0, h.PublishedCount<ExperimentFailed>());
    }

    [Fact]
    public async Task Events_of_an_unknown_experiment_are_discarded_without_fault()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.TrainingCompleted("replicated"); // no StartExperiment for this id

        // Absence is checked once the bus has handled the event: a fault would have come with (or before) that.
        var handled = await h.Harness.Consumed.WaitForConsumed<TrainingJobCompleted>();

        Assert.DoesNotContain(handled, m => m.Exception is not null);
        Assert.Null(h.Instance);
        Assert.Empty(h.Harness.PublishedSoFar<MassTransit.Fault<TrainingJobCompleted>>());
    }
}
