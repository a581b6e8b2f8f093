using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public class When_training_with_each_loss
{
    private static readonly double[] TrueWeights = [1.0, -0.5, 0.25];

    [Theory]
    [InlineData("squared_loss")]
    [InlineData("absolute_loss")]
    [InlineData("huber_loss")]
    [InlineData("eps_insensitive_squared_loss")]
    [InlineData("eps_insensitive_absolute_loss")]
    [InlineData("quantile_loss")]
    public async Task Symmetric_noise_leaves_the_true_line_the_best_fit(string loss)
    {
        // With noise symmetric about 0, the mean, the median (quantile 0.5) and every symmetric loss's minimiser is the
        // noise-free line.
        var train = SyntheticRows.Linear(8000, TrueWeights, 2.0, 0.2, seed: 41);
        using var cluster = new TestCluster().Channel("train").File(0, "train", "t", train.RecordIo());

        await cluster.TrainAsync(TestCluster.Regressor(3, ("loss", loss), ("epochs", "6"), ("early_stopping_patience", "6")));

        var model = LinearLearnerModel.Load(cluster.Hosts[0].Folders.Model);
        float[] rows = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
        var scores = new float[4];
        model.Predict(rows, 3, scores);
        Assert.Equal(2.0, scores[0], 0.1);
        for (var d = 0; d < 3; d++)
            Assert.Equal(TrueWeights[d], scores[d + 1] - scores[0], 0.05);
        Assert.Equal(loss, cluster.Artifact().Model.Loss);
    }
}
