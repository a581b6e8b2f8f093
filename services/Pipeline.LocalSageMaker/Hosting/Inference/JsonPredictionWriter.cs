using System.Buffers.Text;
using System.Globalization;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// Writes scores as linear learner does: application/json <c>{"predictions":[{"score":x},...]}</c> or
/// application/jsonlines <c>{"score":x}</c> per line; a binary classifier adds <c>"predicted_label"</c>. Scores are
/// float32 in their shortest round-trip form, straight into the buffer.
/// </summary>
public sealed class JsonPredictionWriter(PooledBuffer output, bool jsonLines, bool binaryClassifier) : PredictionWriter
{
    // Longest float ("-1.17549435E-38") plus the member names and punctuation.
    private const int MaxPredictionBytes = 64;

    private bool _first = true;

    public override void Begin()
    {
        if (!jsonLines)
            output.Write("{\"predictions\":["u8);
    }

    public override void Write(ReadOnlySpan<float> scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            var span = output.GetSpan(MaxPredictionBytes);
            var n = 0;
            if (!jsonLines && !_first)
                span[n++] = (byte)',';
            _first = false;
            "{\"score\":"u8.CopyTo(span[n..]);
            n += 9;
            n += FormatScore(scores[i], span[n..]);
            if (binaryClassifier)
            {
                ",\"predicted_label\":"u8.CopyTo(span[n..]);
                n += 19;
                span[n++] = PredictedLabel(scores[i]) == 1 ? (byte)'1' : (byte)'0';
            }

            span[n++] = (byte)'}';
            if (jsonLines)
                span[n++] = (byte)'\n';
            output.Advance(n);
        }
    }

    public override void End()
    {
        if (!jsonLines)
            output.Write("]}"u8);
    }

    private static int FormatScore(float score, Span<byte> destination)
    {
        // JSON has no NaN or infinity: such a score is written as null.
        if (!float.IsFinite(score))
        {
            "null"u8.CopyTo(destination);
            return 4;
        }

        // The default format of float is the shortest string that reads back as the same float ("R").
        if (!score.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A score did not fit its buffer.");
        return written;
    }
}
