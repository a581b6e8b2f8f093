using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// text/csv: one row of features per line, comma separated, no label, no header; a final line break is optional and
/// \r\n is accepted. Numbers are read straight from the bytes: plain decimals of up to 7 significant digits (what
/// data sets usually hold) by an exact fast path, anything else (more digits, exponents) by Utf8Parser. Either way
/// the value is the float nearest the decimal, as float.Parse gives. With <paramref name="missingValues"/> (XGBoost),
/// an empty field or "nan" is a missing value, read as NaN; otherwise it is refused.
/// </summary>
public sealed class CsvFeatureRows(ReadOnlyMemory<byte> body, bool missingValues = false) : FeatureRows
{
    // 10^0 .. 10^10 are exact in float, so m / 10^k with m < 2^24 is one correctly rounded division.
    private static readonly float[] PowersOfTen = [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];
    private const uint ExactMantissaLimit = 1 << 24;

    private int _position;

    public override bool TryReadRow(Span<float> features)
    {
        var text = body.Span;
        if (_position >= text.Length)
            return false;
        var rest = text[_position..];
        var newline = rest.IndexOf((byte)'\n');
        var line = newline < 0 ? rest : rest[..newline];
        _position += newline < 0 ? rest.Length : newline + 1;
        if (line.Length > 0 && line[^1] == (byte)'\r')
            line = line[..^1];
        RowsRead++;
        if (line.IsEmpty)
            throw new InvalidInputException($"Row {RowsRead} is empty: every line must hold {features.Length} comma-separated features.");

        var count = 0;
        var at = 0;
        while (true)
        {
            if (count == features.Length)
                throw WrongWidth("Row", RowsRead, count + 1 + line[at..].Count((byte)','), features.Length);
            var column = count + 1;
            features[count] = ReadNumber(line, ref at, column);
            count = column;
            if (at == line.Length)
                break;
            at++; // the comma
        }

        if (count != features.Length)
            throw WrongWidth("Row", RowsRead, count, features.Length);
        return true;
    }

    /// <summary>Reads the field starting at <paramref name="at"/> and leaves <paramref name="at"/> on the comma after it or the line's end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float ReadNumber(ReadOnlySpan<byte> line, ref int at, int column)
    {
        var start = at;
        var i = at;
        var negative = false;
        if (i < line.Length && line[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        uint mantissa = 0;
        var significant = 0;
        var decimals = 0;
        var firstDigit = i;
        while (i < line.Length && (uint)(line[i] - '0') <= 9)
        {
            mantissa = (mantissa * 10) + (uint)(line[i] - '0');
            significant += mantissa == 0 ? 0 : 1;
            i++;
        }

        var digits = i - firstDigit;
        if (i < line.Length && line[i] == (byte)'.')
        {
            i++;
            var fraction = i;
            while (i < line.Length && (uint)(line[i] - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (uint)(line[i] - '0');
                significant += mantissa == 0 ? 0 : 1;
                i++;
            }

            decimals = i - fraction;
            digits += decimals;
        }

        if (digits > 0 && significant <= 7 && decimals <= 10 && (i == line.Length || line[i] == (byte)',') && mantissa < ExactMantissaLimit)
        {
            at = i;
            var value = mantissa / PowersOfTen[decimals];
            return negative ? -value : value;
        }

        return ReadSlowly(line, ref at, start, column);
    }

    private float ReadSlowly(ReadOnlySpan<byte> line, ref int at, int start, int column)
    {
        var comma = line[start..].IndexOf((byte)',');
        var end = comma < 0 ? line.Length : start + comma;
        var field = line[start..end].Trim((byte)' ');
        at = end;
        if (field.IsEmpty && missingValues)
            return float.NaN;
        if (field.IsEmpty)
            throw new InvalidInputException($"Row {RowsRead}, column {column} is empty.");
        // Utf8Parser reads no "NaN", "Infinity" or "1e-5" in the 'G' format's exotic spellings; float.Parse does.
        if ((Utf8Parser.TryParse(field, out float value, out var consumed) && consumed == field.Length)
            || float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            // NaN, Infinity and what overflows a float (1e400) would score as NaN: refused as "inf" is.
            if (float.IsFinite(value) || (missingValues && float.IsNaN(value)))
                return value;
            throw new InvalidInputException($"Row {RowsRead}, column {column}: '{Shown(field)}' is not a finite number.");
        }

        throw new InvalidInputException($"Row {RowsRead}, column {column}: '{Shown(field)}' is not a number.");
    }

    private static string Shown(ReadOnlySpan<byte> field) =>
        field.Length > 40 ? Encoding.UTF8.GetString(field[..40]) + "..." : Encoding.UTF8.GetString(field);
}
