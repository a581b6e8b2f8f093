using System.Globalization;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// Writes scores as SageMaker's XGBoost container does. text/csv: on an endpoint one line of comma-separated scores,
/// in a batch transform one score per line (the container's SAGEMAKER_BATCH switch); application/json
/// <c>{"predictions":[{"score":x},...]}</c>; application/jsonlines <c>{"score":x}</c> per line. The container turns
/// XGBoost's float32 scores into Python floats, so a score is written as the shortest text of its double.
/// </summary>
public sealed class XGBoostPredictionWriter(string format, PooledBuffer output, bool batchTransform) : PredictionWriter
{
    private const int MaxPredictionBytes = 64;

    private bool _first = true;

    public override void Begin()
    {
        if (format == InferenceFormats.Json)
            output.Write("{\"predictions\":["u8);
    }

    public override void Write(ReadOnlySpan<float> scores)
    {
        foreach (var score in scores)
        {
            var span = output.GetSpan(MaxPredictionBytes);
            var n = 0;
            switch (format)
            {
                case InferenceFormats.Csv:
                    if (!_first && !batchTransform)
                        span[n++] = (byte)',';
                    n += Format(score, span[n..]);
                    if (batchTransform)
                        span[n++] = (byte)'\n';
                    break;
                case InferenceFormats.Json:
                    if (!_first)
                        span[n++] = (byte)',';
                    n += Member(score, span[n..]);
                    break;
                default:
                    n += Member(score, span[n..]);
                    span[n++] = (byte)'\n';
                    break;
            }

            _first = false;
            output.Advance(n);
        }
    }

    public override void End()
    {
        if (format == InferenceFormats.Json)
            output.Write("]}"u8);
    }

    private static int Member(float score, Span<byte> destination)
    {
        "{\"score\":"u8.CopyTo(destination);
        var n = 9;
        n += float.IsFinite(score) ? Format(score, destination[n..]) : Null(destination[n..]);
        destination[n++] = (byte)'}';
        return n;
    }

    private static int Null(Span<byte> destination)
    {
        "null"u8.CopyTo(destination);
        return 4;
    }

    private static int Format(float score, Span<byte> destination)
    {
        if (!((double)score).TryFormat(destination, out var written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A score did not fit its buffer.");
        return written;
    }
}
