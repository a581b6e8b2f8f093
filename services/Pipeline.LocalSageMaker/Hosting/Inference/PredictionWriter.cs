using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>Writes the scores of one request, batch after batch, in the output type the Accept header chose.</summary>
public abstract class PredictionWriter
{
    /// <param name="format">One of the types <see cref="InferenceFormats.Output"/> answers.</param>
    public static PredictionWriter Create(string format, PooledBuffer output, PredictorType predictorType)
    {
        var binaryClassifier = predictorType == PredictorType.BinaryClassifier;
        return format switch
        {
            InferenceFormats.Json => new JsonPredictionWriter(output, jsonLines: false, binaryClassifier),
            InferenceFormats.JsonLines => new JsonPredictionWriter(output, jsonLines: true, binaryClassifier),
            InferenceFormats.RecordIo => new RecordIoPredictionWriter(output, binaryClassifier),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an output type linear learner writes."),
        };
    }

    public virtual void Begin()
    {
    }

    public abstract void Write(ReadOnlySpan<float> scores);

    public virtual void End()
    {
    }

    /// <summary>A binary classifier's <c>predicted_label</c>: 1 from a score (probability) of 0.5 up, else 0.</summary>
    protected static float PredictedLabel(float score) => score >= 0.5f ? 1f : 0f;
}
