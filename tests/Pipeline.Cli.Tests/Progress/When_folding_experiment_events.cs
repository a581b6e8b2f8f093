using Pipeline.Cli.Progress;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Progress;

public class When_folding_experiment_events
{
    private readonly ExperimentEventsFor _events = new(Guid.NewGuid());
    private readonly ExperimentProgress _progress;

    public When_folding_experiment_events() => _progress = new ExperimentProgress(_events.ExperimentId, ExperimentEventsFor.TwoVariantSpec);

    private VariantProgress Variant(string name) => _progress.Variants.Single(v => v.Name == name);

    private void ApplyAll(params object[] messages)
    {
        foreach (var message in messages)
            _progress.Apply(message);
    }

    [Fact]
    public void A_dataset_prepared_by_an_earlier_run_says_ingestion_was_skipped_naming_the_dataset()
    {
        var reused = ExperimentEventsFor.Dataset with { Digest = "0123456789abcdef", Reused = true };

        var change = _progress.Apply(new DatasetIngested { ExperimentId = _events.ExperimentId, Dataset = reused });

        Assert.Equal("dataset 0123456789abcdef already prepared: ingestion skipped: 1,000 rows read, 800 kept; 600 train, 70 validation, 130 test", change);
    }

    [Fact]
    public void A_dataset_this_run_prepared_says_it_is_ready()
    {
        var prepared = ExperimentEventsFor.Dataset with { Digest = "0123456789abcdef" };

        var change = _progress.Apply(new DatasetIngested { ExperimentId = _events.ExperimentId, Dataset = prepared });

        Assert.Equal("dataset ready: 1,000 rows read, 800 kept; 600 train, 70 validation, 130 test", change);
    }

    [Fact]
    public void It_starts_ingesting_with_every_variant_waiting()
    {
        Assert.Equal(ExperimentStage.Ingesting, _progress.Stage);
        Assert.Equal(["replicated", "sharded"], _progress.Variants.Select(v => v.Name));
        Assert.All(_progress.Variants, v => Assert.Equal(VariantStatus.Waiting, v.Status));
        Assert.False(_progress.IsFinished);
    }

    [Fact]
    public void Each_variant_counts_its_own_instances()
    {
        var spec = ExperimentEventsFor.TwoVariantSpec with
        {
            Training = new TrainingSpec { InstanceCount = 4 },
            Variants = [new VariantSpec { Name = "one", TrainDistribution = "ShardedByS3Key", InstanceCount = 1 }, new VariantSpec { Name = "four", TrainDistribution = "ShardedByS3Key" }],
        };

        var progress = new ExperimentProgress(Guid.NewGuid(), spec);

        Assert.Equal([1, 4], progress.Variants.Select(v => v.InstanceCount));
    }

    [Fact]
    public void The_stage_follows_the_slowest_variant()
    {
        _progress.Apply(_events.Ingested());
        Assert.Equal(ExperimentStage.Training, _progress.Stage);

        ApplyAll(_events.Started("replicated"), _events.Started("sharded"), _events.Trained("sharded"));
        Assert.Equal(ExperimentStage.Training, _progress.Stage);

        _progress.Apply(_events.Trained("replicated"));
        Assert.Equal(ExperimentStage.Deploying, _progress.Stage);

        ApplyAll(_events.InService("replicated"), _events.InService("sharded"));
        Assert.Equal(ExperimentStage.Evaluating, _progress.Stage);

        ApplyAll(_events.Evaluated("replicated"), _events.Evaluated("sharded"));
        Assert.Equal(ExperimentStage.TearingDown, _progress.Stage);

        _progress.Apply(_events.Completed());
        Assert.Equal(ExperimentStage.Completed, _progress.Stage);
        Assert.True(_progress.IsFinished);
    }

    [Fact]
    public void A_repeated_event_changes_nothing_and_reports_nothing()
    {
        object[] once = [_events.Ingested(), _events.Started("sharded"), _events.Status("sharded", "Downloading"), _events.Trained("sharded"), _events.InService("sharded"), _events.Evaluated("sharded"), _events.Deleted("sharded")];

        var first = once.Select(_progress.Apply).ToList();
        var second = once.Select(_progress.Apply).ToList();

        Assert.All(first, change => Assert.NotNull(change));
        Assert.All(second, change => Assert.Null(change));
        Assert.Equal(VariantStatus.Evaluated, Variant("sharded").Status);
        Assert.Equal(1, _progress.Variants.Count(v => v.TornDown));
    }

    [Fact]
    public void A_late_status_does_not_move_a_trained_variant_back()
    {
        ApplyAll(_events.Started("sharded"), _events.Trained("sharded"));

        var change = _progress.Apply(_events.Status("sharded", "Training"));

        Assert.Null(change);
        Assert.Equal(VariantStatus.Trained, Variant("sharded").Status);
    }

    [Fact]
    public void A_status_before_the_start_event_still_counts_as_training()
    {
        _progress.Apply(_events.Status("sharded", "Starting"));

        Assert.Equal(VariantStatus.Training, Variant("sharded").Status);
        Assert.Contains("Starting", Variant("sharded").Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_new_secondary_status_is_reported_once()
    {
        _progress.Apply(_events.Started("sharded"));

        Assert.NotNull(_progress.Apply(_events.Status("sharded", "Downloading")));
        Assert.Null(_progress.Apply(_events.Status("sharded", "Downloading")));
        Assert.NotNull(_progress.Apply(_events.Status("sharded", "Training")));
    }

    [Fact]
    public void Events_of_another_experiment_are_ignored()
    {
        var other = new ExperimentEventsFor(Guid.NewGuid());

        Assert.Null(_progress.Apply(other.Ingested()));
        Assert.Null(_progress.Apply(other.Started("sharded")));
        Assert.Null(_progress.Apply(other.Completed()));

        Assert.Equal(ExperimentStage.Ingesting, _progress.Stage);
        Assert.Equal(VariantStatus.Waiting, Variant("sharded").Status);
    }

    [Fact]
    public void Events_of_an_unknown_variant_are_ignored()
    {
        Assert.Null(_progress.Apply(_events.Started("pipe-mode")));
        Assert.All(_progress.Variants, v => Assert.Equal(VariantStatus.Waiting, v.Status));
    }

    [Fact]
    public void A_failed_variant_shows_the_stage_and_the_reason()
    {
        ApplyAll(_events.Ingested(), _events.Started("sharded"));

        var change = _progress.Apply(_events.TrainingFailed("sharded", "ClientError: feature_dim mismatch"));

        var sharded = Variant("sharded");
        Assert.True(sharded.Failed);
        Assert.Equal("Training", sharded.FailedIn);
        Assert.Contains("ClientError: feature_dim mismatch", sharded.Describe(), StringComparison.Ordinal);
        Assert.Contains("Training", sharded.Describe(), StringComparison.Ordinal);
        Assert.Contains("sharded", change, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_variant_does_not_move_on()
    {
        ApplyAll(_events.Started("sharded"), _events.TrainingFailed("sharded", "out of memory"));

        Assert.Null(_progress.Apply(_events.Trained("sharded")));
        Assert.Null(_progress.Apply(_events.InService("sharded")));
        Assert.Equal(VariantStatus.Training, Variant("sharded").Status);
    }

    [Fact]
    public void Deployment_and_evaluation_failures_name_their_stage()
    {
        _progress.Apply(new EndpointDeploymentFailed { ExperimentId = _events.ExperimentId, Variant = "replicated", EndpointName = "e", Reason = "capacity" });
        _progress.Apply(new EndpointEvaluationFailed { ExperimentId = _events.ExperimentId, Variant = "sharded", EndpointName = "e", Reason = "timeout" });

        Assert.Equal("Deploying", Variant("replicated").FailedIn);
        Assert.Equal("Evaluating", Variant("sharded").FailedIn);
    }

    [Fact]
    public void The_experiment_failure_ends_it_with_stage_and_reason()
    {
        ApplyAll(_events.Ingested(), _events.Started("sharded"), _events.TrainingFailed("sharded", "bad data"), _events.Deleted("replicated"));

        var change = _progress.Apply(_events.Failed("Training", "training job sharded-job failed: bad data"));

        Assert.Equal(ExperimentStage.Failed, _progress.Stage);
        Assert.Contains("Training", change, StringComparison.Ordinal);
        Assert.Contains("bad data", change, StringComparison.Ordinal);
        var failed = Assert.IsType<ExperimentFailed>(_progress.Outcome);
        Assert.Equal("Training", failed.Stage);
    }

    [Fact]
    public void Nothing_changes_after_the_end()
    {
        var completed = _events.Completed();
        _progress.Apply(completed);

        Assert.Null(_progress.Apply(_events.Failed("TearingDown", "late")));
        Assert.Null(_progress.Apply(_events.Started("sharded")));
        Assert.Same(completed, _progress.Outcome);
    }

    [Fact]
    public void Teardown_shows_once_an_endpoint_is_deleted()
    {
        ApplyAll(_events.Ingested(), _events.Started("replicated"));

        _progress.Apply(_events.Deleted("replicated"));

        Assert.Equal(ExperimentStage.TearingDown, _progress.Stage);
        Assert.Contains("torn down", Variant("replicated").Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancel_request_is_noted_once()
    {
        Assert.NotNull(_progress.RequestCancel());
        Assert.Null(_progress.RequestCancel());
        Assert.True(_progress.CancelRequested);
    }
}
