using System.Buffers.Text;
using System.Text;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// text/libsvm as SageMaker's XGBoost container reads it at inference: one row per line of space-separated
/// <c>index:value</c> pairs, the index 0-based as the column; a token without a colon (a label) is ignored and a
/// feature not named is missing (NaN).
/// </summary>
public sealed class LibSvmFeatureRows(ReadOnlyMemory<byte> body) : FeatureRows
{
    private int _position;

    public override bool TryReadRow(Span<float> features)
    {
        var text = body.Span;
        // The container strips the payload, so trailing blank lines are no rows.
        if (text[_position..].TrimEnd("\r\n "u8).IsEmpty)
            return false;
        var rest = text[_position..];
        var newline = rest.IndexOf((byte)'\n');
        var line = newline < 0 ? rest : rest[..newline];
        _position += newline < 0 ? rest.Length : newline + 1;
        line = line.TrimEnd((byte)'\r');
        RowsRead++;
        features.Fill(float.NaN);
        foreach (var range in line.Split((byte)' '))
        {
            var token = line[range];
            var colon = token.IndexOf((byte)':');
            if (colon < 0)
                continue;
            if (!Utf8Parser.TryParse(token[..colon], out int index, out var used) || used != colon || index < 0)
                throw new InvalidInputException($"Row {RowsRead}: '{Encoding.UTF8.GetString(token)}' does not start with a feature index.");
            if (index >= features.Length)
                throw new InvalidInputException($"Row {RowsRead} names feature {index}; the model has {features.Length} features (indices 0 to {features.Length - 1}).");
            var value = token[(colon + 1)..];
            if (!Utf8Parser.TryParse(value, out float parsed, out used) || used != value.Length)
                throw new InvalidInputException($"Row {RowsRead}, feature {index}: '{Encoding.UTF8.GetString(value)}' is not a number.");
            features[index] = parsed;
        }

        return true;
    }
}
