using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public sealed class ModelArtifactTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ll-artifact-{Guid.NewGuid():N}");

    private static ModelArtifact Sample(PredictorType predictor, int features, int seed)
    {
        var random = new Random(seed);
        float Next(double scale) => (float)(((random.NextDouble() * 2) - 1) * scale);
        return new ModelArtifact
        {
            PredictorType = predictor,
            FeatureDim = features,
            Weights = Enumerable.Range(0, features).Select(_ => Next(2)).ToArray(),
            Bias = Next(1),
            FeatureMean = Enumerable.Range(0, features).Select(_ => Next(10)).ToArray(),
            FeatureStd = Enumerable.Range(0, features).Select(_ => 0.1f + Math.Abs(Next(5))).ToArray(),
            LabelMean = predictor == PredictorType.Regressor ? Next(100) : 0,
            LabelStd = predictor == PredictorType.Regressor ? 0.5f + Math.Abs(Next(20)) : 1,
            Model = new ChosenModel(7, 0.01f, 1e-4f, 0, "adam", "squared_loss", 500, 2, "validation", 0.123, 1),
            Candidates = [new CandidateModel(7, 0.01f, 1e-4f, 0, 0.123, 1)],
        };
    }

    [Fact]
    public void The_artifact_round_trips_through_its_file()
    {
        var written = Sample(PredictorType.Regressor, 25, seed: 1);

        written.Write(_folder);
        var read = ModelArtifact.Read(_folder);

        Assert.Equal(written.Weights, read.Weights);
        Assert.Equal(written.FeatureMean, read.FeatureMean);
        Assert.Equal(written.FeatureStd, read.FeatureStd);
        Assert.Equal((written.Bias, written.LabelMean, written.LabelStd, written.FeatureDim, written.PredictorType),
            (read.Bias, read.LabelMean, read.LabelStd, read.FeatureDim, read.PredictorType));
        Assert.Equal(written.Model, read.Model);
        Assert.Equal(written.Candidates, read.Candidates);
    }

    [Theory]
    [InlineData(PredictorType.Regressor, 25)]
    [InlineData(PredictorType.Regressor, 3)]
    [InlineData(PredictorType.BinaryClassifier, 11)]
    public void Predict_equals_a_straightforward_scalar_computation(PredictorType predictor, int features)
    {
        var artifact = Sample(predictor, features, seed: features);
        artifact.Write(_folder);
        var model = LinearLearnerModel.Load(_folder);
        var random = new Random(99);
        const int rows = 37;
        var x = Enumerable.Range(0, rows * features).Select(_ => (float)((random.NextDouble() * 40) - 20)).ToArray();
        var scores = new float[rows];

        model.Predict(x, features, scores);

        for (var r = 0; r < rows; r++)
        {
            double score = artifact.Bias;
            for (var d = 0; d < features; d++)
                score += artifact.Weights[d] * ((x[(r * features) + d] - (double)artifact.FeatureMean[d]) / artifact.FeatureStd[d]);
            var expected = predictor == PredictorType.Regressor
                ? (score * artifact.LabelStd) + artifact.LabelMean
                : 1 / (1 + Math.Exp(-score));
            Assert.Equal(expected, scores[r], 1e-4 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void Load_finds_the_artifact_in_a_host_s_folder_below_the_one_given()
    {
        var artifact = Sample(PredictorType.Regressor, 4, seed: 3);
        artifact.Write(Path.Combine(_folder, "algo-1"));

        var model = LinearLearnerModel.Load(_folder);

        Assert.Equal(4, model.FeatureDim);
    }

    [Fact]
    public void Predict_refuses_rows_of_another_width()
    {
        Sample(PredictorType.Regressor, 4, seed: 3).Write(_folder);
        var model = LinearLearnerModel.Load(_folder);

        Assert.Throws<ArgumentException>(() => model.Predict(new float[10], 5, new float[2]));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
