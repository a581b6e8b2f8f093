using System.Numerics;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// A trained linear learner model ready to score raw (unnormalised) rows: the normalisation and, for regressors, the
/// label scaling are folded into one weight per feature and an intercept when loaded.
/// </summary>
public sealed class LinearLearnerModel
{
    private readonly float[] _weights;
    private readonly float _intercept;

    public LinearLearnerModel(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        Artifact = artifact;
        var scale = artifact.PredictorType == PredictorType.Regressor ? artifact.LabelStd : 1f;
        var shift = artifact.PredictorType == PredictorType.Regressor ? artifact.LabelMean : 0f;
        _weights = new float[artifact.FeatureDim];
        double intercept = artifact.Bias;
        for (var d = 0; d < _weights.Length; d++)
        {
            var perRawUnit = (double)artifact.Weights[d] / artifact.FeatureStd[d];
            _weights[d] = (float)(perRawUnit * scale);
            intercept -= perRawUnit * artifact.FeatureMean[d];
        }

        _intercept = (float)((intercept * scale) + shift);
    }

    public ModelArtifact Artifact { get; }

    public int FeatureDim => _weights.Length;

    public PredictorType PredictorType => Artifact.PredictorType;

    /// <summary>Reads the artifact a training host wrote (see <see cref="ModelArtifact.Read"/>).</summary>
    public static LinearLearnerModel Load(string modelFolder) => new(ModelArtifact.Read(modelFolder));

    /// <summary>
    /// Scores rows of <paramref name="featureCount"/> raw features each: the predicted value for a regressor, the
    /// probability of label 1 for a binary classifier (its predicted label is 1 when the score is at least 0.5).
    /// </summary>
    public void Predict(ReadOnlySpan<float> featuresRowMajor, int featureCount, Span<float> scores)
    {
        if (featureCount != FeatureDim)
            throw new ArgumentException($"The model has {FeatureDim} features, the rows {featureCount}.", nameof(featureCount));
        if (featuresRowMajor.Length % featureCount != 0)
            throw new ArgumentException($"{featuresRowMajor.Length} values are not whole rows of {featureCount}.", nameof(featuresRowMajor));
        var rows = featuresRowMajor.Length / featureCount;
        if (scores.Length < rows)
            throw new ArgumentException($"{rows} rows need {rows} scores, not {scores.Length}.", nameof(scores));

        var binary = PredictorType == PredictorType.BinaryClassifier;
        for (var r = 0; r < rows; r++)
        {
            var score = _intercept + Dot(featuresRowMajor.Slice(r * featureCount, featureCount), _weights);
            scores[r] = binary ? 1f / (1f + MathF.Exp(-score)) : score;
        }
    }

    public static int PredictedLabel(float score) => score >= 0.5f ? 1 : 0;

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> w)
    {
        var sum = Vector<float>.Zero;
        var d = 0;
        for (; d <= x.Length - Vector<float>.Count; d += Vector<float>.Count)
            sum = Vector.FusedMultiplyAdd(new Vector<float>(x[d..]), new Vector<float>(w[d..]), sum);
        var total = Vector.Sum(sum);
        for (; d < x.Length; d++)
            total += x[d] * w[d];
        return total;
    }
}
