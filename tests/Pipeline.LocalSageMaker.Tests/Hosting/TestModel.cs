using System.Formats.Tar;
using System.IO.Compression;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

/// <summary>
/// A linear learner model with known weights, written by the linear learner's own artifact writer and packed as
/// training packs it (the model folder's files at the archive root), and the scalar computation of its score.
/// </summary>
public sealed class TestModel
{
    public TestModel(int featureDim, int seed = 7, PredictorType predictorType = PredictorType.Regressor)
    {
        var random = new Random(seed);
        float Next(float scale) => (float)((random.NextDouble() * 2) - 1) * scale;
        Artifact = new ModelArtifact
        {
            PredictorType = predictorType,
            FeatureDim = featureDim,
            Weights = [.. Enumerable.Range(0, featureDim).Select(_ => Next(2))],
            Bias = Next(1),
            FeatureMean = [.. Enumerable.Range(0, featureDim).Select(_ => Next(10))],
            FeatureStd = [.. Enumerable.Range(0, featureDim).Select(_ => 0.5f + Math.Abs(Next(3)))],
            LabelMean = predictorType == PredictorType.Regressor ? 3.25f : 0f,
            LabelStd = predictorType == PredictorType.Regressor ? 1.75f : 1f,
            Model = new ChosenModel(0, 0.1f, 0, 0, "adam", "squared_loss", 1000, 3, "train", 0.5, 2),
            Candidates = [new CandidateModel(0, 0.1f, 0, 0, 0.5, 2)],
        };
    }

    public ModelArtifact Artifact { get; }

    /// <summary>The score from the artifact's definition, in double: (bias + Σ w·(x − mean)/std)·labelStd + labelMean.</summary>
    public double Score(ReadOnlySpan<float> x)
    {
        double z = Artifact.Bias;
        for (var d = 0; d < x.Length; d++)
            z += Artifact.Weights[d] * ((x[d] - (double)Artifact.FeatureMean[d]) / Artifact.FeatureStd[d]);
        return Artifact.PredictorType == PredictorType.Regressor
            ? (z * Artifact.LabelStd) + Artifact.LabelMean
            : 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Writes model.tar.gz to <paramref name="uri"/>.</summary>
    public async Task UploadAsync(IObjectStore store, string uri, string scratch)
    {
        var folder = Path.Combine(scratch, Guid.NewGuid().ToString("N"));
        Artifact.Write(folder);
        await store.WriteAsync(uri, async (stream, ct) =>
        {
            await using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            await TarFile.CreateFromDirectoryAsync(folder, gzip, includeBaseDirectory: false, ct);
        }, CancellationToken.None);
    }

    /// <summary>Rows of features around the model's means, each feature rounded to 4 decimals as data files hold them.</summary>
    public float[][] Rows(int count, int seed = 11)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, Artifact.FeatureDim)
            .Select(d => (float)Math.Round(Artifact.FeatureMean[d] + (((random.NextDouble() * 2) - 1) * 5), 4)).ToArray())];
    }
}
