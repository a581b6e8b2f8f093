using System.Globalization;
using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public class When_training_a_binary_classifier
{
    [Fact]
    public async Task It_separates_linearly_separable_classes()
    {
        var scores = SyntheticRows.Linear(4000, [1.0, -1.0], 0.3, 0.05, seed: 31);
        var labels = scores.Labels.Select(s => s > 0.3f ? 1f : 0f).ToArray();
        var rows = scores with { Labels = labels };
        using var cluster = new TestCluster().Channel("train").File(0, "train", "t", rows.RecordIo());

        await cluster.TrainAsync(new Dictionary<string, string>
        {
            ["predictor_type"] = "binary_classifier", ["feature_dim"] = "2", ["mini_batch_size"] = "100", ["epochs"] = "5",
        });

        var line = Assert.Single(cluster.Log().Lines, l => l.Contains("train binary_classification_accuracy <score>=", StringComparison.Ordinal));
        Assert.True(double.Parse(line[(line.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture) > 0.95, line);
        var model = LinearLearnerModel.Load(cluster.Hosts[0].Folders.Model);
        var probabilities = new float[rows.Count];
        model.Predict(rows.Features, 2, probabilities);
        var correct = probabilities.Where((p, r) => LinearLearnerModel.PredictedLabel(p) == (int)labels[r]).Count();
        Assert.True(correct > 0.95 * rows.Count, $"{correct} of {rows.Count}");
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public async Task A_label_other_than_0_or_1_fails_naming_the_record()
    {
        var rows = SyntheticRows.Linear(10, [1.0, -1.0], 0.3, 0.05, seed: 31);
        using var cluster = new TestCluster().Channel("train").File(0, "train", "t", rows.RecordIo());

        var error = await Assert.ThrowsAsync<Pipeline.LocalSageMaker.Training.AlgorithmErrorException>(() => cluster.TrainAsync(
            new Dictionary<string, string> { ["predictor_type"] = "binary_classifier", ["feature_dim"] = "2" }));

        Assert.Contains("binary_classifier needs labels 0 or 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("train/t", error.Message, StringComparison.Ordinal);
    }
}
