using Pipeline.Data.RecordIO;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// Writes scores as linear learner does for application/x-recordio-protobuf: one RecordIO-framed
/// <c>aialgs.data.Record</c> per row, in row order, with no features and <c>label["score"]</c> a Float32Tensor of
/// the score; a binary classifier adds <c>label["predicted_label"]</c> (1 or 0). This is what the SageMaker SDK's
/// RecordDeserializer reads. Written straight into the buffer.
/// </summary>
public sealed class RecordIoPredictionWriter(PooledBuffer output, bool binaryClassifier) : PredictionWriter, IDisposable
{
    private static readonly string[] ScoreKeys = ["score"];
    private static readonly string[] ClassifierKeys = ["score", "predicted_label"];

    private readonly RecordIoWriter _records = new(output);

    public override void Write(ReadOnlySpan<float> scores)
    {
        foreach (var score in scores)
        {
            if (binaryClassifier)
                _records.WriteLabels(ClassifierKeys, [score, PredictedLabel(score)]);
            else
                _records.WriteLabels(ScoreKeys, [score]);
        }
    }

    public void Dispose() => _records.Dispose();
}
