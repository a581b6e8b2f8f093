namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public class When_the_loss_plateaus
{
    [Fact]
    public async Task Training_stops_early_after_patience_epochs_without_improvement()
    {
        // Labels independent of the features: nothing to learn beyond the mean, so the loss is flat from the start.
        var rows = SyntheticRows.Linear(3000, [0, 0, 0], 0, 1.0, seed: 5);
        var validation = SyntheticRows.Linear(3000, [0, 0, 0], 0, 1.0, seed: 6);
        using var cluster = new TestCluster().Channel("train").Channel("validation")
            .File(0, "train", "t", rows.RecordIo()).File(0, "validation", "v", validation.RecordIo());

        await cluster.TrainAsync(TestCluster.Regressor(3, ("epochs", "15"), ("early_stopping_patience", "2"), ("early_stopping_tolerance", "0.01")));

        var epochs = cluster.Log().Lines.Count(l => l.StartsWith("#progress_metric", StringComparison.Ordinal));
        Assert.InRange(epochs, 3, 6);
        Assert.Contains(cluster.Log().Lines, l => l.StartsWith("#early_stopping: host=algo-1", StringComparison.Ordinal));
        Assert.Equal(epochs, cluster.Artifact().Model.EpochsTrained);
    }

    [Fact]
    public void Patience_counts_epochs_without_a_relative_improvement_above_the_tolerance()
    {
        var stopping = new Pipeline.LocalSageMaker.LinearLearner.EarlyStopping(patience: 2, tolerance: 0.01);

        Assert.False(stopping.ShouldStop(1.0));
        Assert.False(stopping.ShouldStop(0.95)); // 5 % better
        Assert.False(stopping.ShouldStop(0.949)); // 0.1 %: not enough (1 epoch)
        Assert.False(stopping.ShouldStop(0.90)); // 5 % better than 0.95: resets
        Assert.False(stopping.ShouldStop(double.NaN)); // 1
        Assert.True(stopping.ShouldStop(0.899)); // 2
    }
}
