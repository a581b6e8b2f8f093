using Pipeline.Contracts;

namespace Pipeline.Coordinator.Tests;

public sealed class When_cancelled
{
    [Fact]
    public async Task During_training_stops_every_running_job_and_ends_cancelled()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.StartTraining();
        await h.Cancel("no longer needed");
        await h.WaitFor(m => m.TearingDown);

        var stops = await h.Sent<StopTrainingJob>(2);
        Assert.Equal(["replicated", "sharded"], stops.Select(s => s.Variant).Order());
        Assert.All(stops, s => Assert.Equal(h.Names(s.Variant).TrainingJob, s.TrainingJobName));
        await h.StopConfirmed("replicated");
        await h.StopConfirmed("sharded");
        await h.WaitFor(m => m.Cancelled);

        var cancelled = await h.Published<ExperimentCancelled>();
        Assert.Equal("Training", cancelled.Stage);
        Assert.Equal("no longer needed", cancelled.Reason);
        Assert.Equal(2, cancelled.TornDown.Count);
        Assert.Equal(0, h.SentCount<DeployModel>());
    }

    [Fact]
    public async Task During_deploying_tears_down_every_endpoint_and_ends_cancelled()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.TrainAll();
        await h.InService("replicated");
        await h.Cancel();
        await h.WaitFor(m => m.TearingDown);

        var teardowns = await h.Sent<TeardownEndpoint>(2);
        Assert.Equal(["replicated", "sharded"], teardowns.Select(t => t.Variant).Order());
        Assert.Equal(0, h.SentCount<StopTrainingJob>());
        await h.Deleted("sharded");
        await h.Deleted("replicated");
        await h.WaitFor(m => m.Cancelled);

        var cancelled = await h.Published<ExperimentCancelled>();
        Assert.Equal("Deploying", cancelled.Stage);
        Assert.Equal(0, h.SentCount<EvaluateEndpoint>());
    }

    [Fact]
    public async Task During_ingestion_ends_cancelled_without_starting_anything()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.StartExperiment();
        await h.WaitFor(m => m.Ingesting);
        await h.Cancel();
        await h.WaitFor(m => m.Cancelled);
        await h.Ingested(); // ingestion finishing afterwards changes nothing
        await Task.Delay(200);

        Assert.Equal(h.Machine.Cancelled.Name, h.Instance!.CurrentState);
        Assert.Equal(0, h.SentCount<StartTrainingJob>());
        Assert.Equal(1, h.PublishedCount<ExperimentCancelled>());
    }

    [Fact]
    public async Task A_job_created_after_its_stop_is_stopped_again()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.Ingest();
        await h.Cancel();
        await h.WaitFor(m => m.TearingDown);
        // The stops found no job (they overtook the creates) ...
        await h.StopConfirmed("replicated");
        await h.StopConfirmed("sharded");
        await h.WaitFor(m => m.Cancelled);
        // ... and then a create lands.
        await h.TrainingStarted("sharded");

        var stops = await h.Sent<StopTrainingJob>(3);
        Assert.Equal(2, stops.Count(s => s.Variant == "sharded"));
        Assert.Equal(0, h.SentCount<WatchTrainingJob>());
    }

    [Fact]
    public async Task An_endpoint_in_service_after_teardown_is_deleted_again()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.TrainAll();
        await h.Cancel();
        await h.WaitFor(m => m.TearingDown);
        await h.Deleted("replicated");
        await h.Deleted("sharded");
        await h.WaitFor(m => m.Cancelled);
        // The deploy was still in flight when the delete ran; its endpoint comes up now.
        await h.InService("sharded");

        var teardowns = await h.Sent<TeardownEndpoint>(3);
        Assert.Equal(2, teardowns.Count(t => t.Variant == "sharded"));
    }
}
