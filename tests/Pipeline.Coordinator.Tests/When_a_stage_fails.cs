using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Coordinator.Tests;

public sealed class When_a_stage_fails
{
    [Fact]
    public async Task Training_failure_stops_the_other_job_deploys_nothing_and_fails()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.StartTraining();
        await h.TrainingFailed("sharded", "AlgorithmError: feature_dim mismatch");
        await h.WaitFor(m => m.TearingDown);

        var stops = await h.Sent<StopTrainingJob>();
        Assert.Equal(["replicated"], stops.Select(s => s.Variant));
        await h.StopConfirmed("replicated");
        await h.WaitFor(m => m.Failed);

        var failed = await h.Published<ExperimentFailed>();
        Assert.Equal("Training", failed.Stage);
        Assert.Contains("AlgorithmError: feature_dim mismatch", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("sharded", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(failed.TornDown, t => t.Contains(h.Names("replicated").TrainingJob, StringComparison.Ordinal));
        Assert.Empty(failed.Remaining);
        Assert.Equal(0, h.SentCount<DeployModel>());
        Assert.Equal(0, h.SentCount<TeardownEndpoint>());
    }

    [Fact]
    public async Task Ingestion_failure_fails_at_once_with_nothing_to_tear_down()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.StartExperiment();
        await h.WaitFor(m => m.Ingesting);
        await h.Publish(new DatasetIngestionFailed { ExperimentId = h.ExperimentId, Reason = "no file for 1981" });
        await h.WaitFor(m => m.Failed);

        var failed = await h.Published<ExperimentFailed>();
        Assert.Equal("Ingesting", failed.Stage);
        Assert.Contains("no file for 1981", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(failed.TornDown);
        Assert.Equal(0, h.SentCount<StartTrainingJob>());
    }

    [Fact]
    public async Task Deploy_failure_after_the_other_is_in_service_tears_both_down()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.TrainAll();
        await h.InService("replicated");
        // Two messages are handled at once: the failure must not overtake the InService, which would then be late news.
        await h.Consumed<EndpointInService>();
        await h.DeploymentFailed("sharded", "model.tar.gz is not a linear learner model");
        await h.WaitFor(m => m.TearingDown);

        var teardowns = await h.Sent<TeardownEndpoint>(2);
        Assert.Equal(["replicated", "sharded"], teardowns.Select(t => t.Variant).Order());
        Assert.All(teardowns, t => Assert.Equal(h.Names(t.Variant).Endpoint, t.EndpointName));
        Assert.All(teardowns, t => Assert.Equal(h.Names(t.Variant).Model, t.ModelName));
        Assert.All(teardowns, t => Assert.Equal(h.Names(t.Variant).EndpointConfig, t.EndpointConfigName));

        await h.Deleted("replicated");
        await h.Consumed<EndpointDeleted>();
        Assert.Equal(h.Machine.TearingDown.Name, h.Instance!.CurrentState);
        await h.Deleted("sharded");
        await h.WaitFor(m => m.Failed);

        var failed = await h.Published<ExperimentFailed>();
        Assert.Equal("Deploying", failed.Stage);
        Assert.Contains("model.tar.gz is not a linear learner model", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(2, failed.TornDown.Count);
        Assert.Equal(0, h.SentCount<EvaluateEndpoint>());
    }

    [Fact]
    public async Task Evaluation_failure_tears_down_then_fails()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.DeployAll();
        await h.Evaluated("replicated", 1.0);
        await h.EvaluationFailed("sharded", "endpoint answered 3 predictions for 4 rows");
        await h.WaitFor(m => m.TearingDown);
        await h.Deleted("replicated");
        await h.Deleted("sharded");
        await h.WaitFor(m => m.Failed);

        var failed = await h.Published<ExperimentFailed>();
        Assert.Equal("Evaluating", failed.Stage);
        Assert.Contains("3 predictions for 4 rows", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(2, h.SentCount<TeardownEndpoint>());
        Assert.Equal(0, h.PublishedCount<ExperimentCompleted>());
    }

    [Fact]
    public async Task Deploy_timeout_tears_down_and_fails_naming_the_stage()
    {
        // Never due during the test: the test sets the timer off itself, once the events before it are handled.
        var deploy = TimeSpan.FromMinutes(7);
        var spec = Specs.Valid() with { Timeouts = new StageTimeouts { Deploy = deploy } };
        await using var h = await CoordinatorHarness.StartAsync(spec);
        await h.TrainAll();
        Assert.InRange((await h.Timer("Deploying")).Delay!.Value, deploy - TimeSpan.FromMinutes(1), deploy);
        await h.InService("replicated");
        await h.Consumed<EndpointInService>();
        // "sharded" never comes up; the deploy timer goes off (now, so it cannot overtake the InService).
        await h.FireTimer("Deploying");
        await h.WaitFor(m => m.TearingDown);
        Assert.Equal(2, (await h.Sent<TeardownEndpoint>(2)).Count);
        await h.Deleted("replicated");
        await h.Deleted("sharded");
        await h.WaitFor(m => m.Failed);

        var failed = await h.Published<ExperimentFailed>();
        Assert.Equal("Deploying", failed.Stage);
        Assert.Equal("timed out in Deploying", failed.Reason);
    }

    [Fact]
    public async Task A_stage_timer_that_goes_off_fails_the_experiment()
    {
        // Nothing answers the IngestDataset, so nothing the test does can race the real timer.
        var spec = Specs.Valid() with { Timeouts = new StageTimeouts { Ingestion = TimeSpan.FromMilliseconds(300) } };
        await using var h = await CoordinatorHarness.StartAsync(spec);
        await h.StartExperiment();
        await h.WaitFor(m => m.Failed);

        var failed = await h.Published<ExperimentFailed>();
        Assert.Equal("Ingesting", failed.Stage);
        Assert.Equal("timed out in Ingesting", failed.Reason);
        Assert.Empty(failed.TornDown);
        Assert.Equal(0, h.SentCount<StartTrainingJob>());
    }

    [Fact]
    public async Task A_timeout_of_an_earlier_stage_is_ignored()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.Ingest();
        // The ingestion timer delivered after all, once with its own (now stale) scheduling token and once as if the
        // token had been lost; the timer's own clock (hours) never runs out during the test.
        await h.FireTimer("Ingesting");
        await h.Publish(new StageTimedOut { ExperimentId = h.ExperimentId, Stage = "Ingesting" });
        await h.Consumed<StageTimedOut>(2);

        Assert.Equal(h.Machine.Training.Name, h.Instance!.CurrentState);
        Assert.Equal(0, h.PublishedCount<ExperimentFailed>());
    }

    [Fact]
    public async Task Teardown_that_never_confirms_fails_listing_what_remains()
    {
        // Never due during the test: the test sets the timer off itself, once the events before it are handled.
        var teardown = TimeSpan.FromMinutes(7);
        var spec = Specs.Valid() with { Timeouts = new StageTimeouts { Teardown = teardown } };
        await using var h = await CoordinatorHarness.StartAsync(spec);
        await h.DeployAll();
        await h.EvaluationFailed("replicated", "boom");
        await h.WaitFor(m => m.TearingDown);
        Assert.InRange((await h.Timer("TearingDown")).Delay!.Value, teardown - TimeSpan.FromMinutes(1), teardown);
        await h.Deleted("replicated");
        await h.Consumed<EndpointDeleted>();
        // "sharded" is never confirmed deleted; the teardown timer goes off (now, so it cannot overtake the Deleted).
        await h.FireTimer("TearingDown");
        await h.WaitFor(m => m.Failed);

        var failed = await h.Published<ExperimentFailed>();
        Assert.Equal("Evaluating", failed.Stage);
        Assert.Contains("timed out in TearingDown", failed.Reason, StringComparison.Ordinal);
        Assert.Single(failed.Remaining);
        Assert.Contains(h.Names("sharded").Endpoint, failed.Remaining[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_faulted_training_command_tears_down_and_fails()
    {
        await using var h = await CoordinatorHarness.StartAsync(workers: bus =>
            bus.AddConsumer<TrainerThatCannotReachSageMaker, TrainerThatCannotReachSageMakerDefinition>());
        await h.StartExperiment();
        await h.WaitFor(m => m.Ingesting);
        await h.Ingested();
        await h.TrainingStarted("replicated");
        await h.WaitFor(m => m.TearingDown);
        await h.StopConfirmed("replicated");
        await h.StopConfirmed("sharded");
        await h.WaitFor(m => m.Failed);

        var failed = await h.Published<ExperimentFailed>();
        Assert.Equal("Training", failed.Stage);
        Assert.True(failed.Reason.Contains("connection refused", StringComparison.Ordinal), failed.Reason);
        Assert.Equal(2, h.SentCount<StopTrainingJob>());
    }

    /// <summary>A trainer whose every attempt for the sharded variant fails, so MassTransit publishes Fault&lt;StartTrainingJob&gt;.</summary>
    private sealed class TrainerThatCannotReachSageMaker : IConsumer<StartTrainingJob>
    {
        public Task Consume(ConsumeContext<StartTrainingJob> context) =>
            context.Message.Variant == "sharded"
                ? throw new HttpRequestException("connection refused")
                : Task.CompletedTask;
    }

    private sealed class TrainerThatCannotReachSageMakerDefinition : ConsumerDefinition<TrainerThatCannotReachSageMaker>
    {
        public TrainerThatCannotReachSageMakerDefinition() => EndpointName = ServiceQueues.Trainer;
    }
}
