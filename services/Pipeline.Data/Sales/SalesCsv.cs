using System.Buffers.Text;
using System.Globalization;
using Pipeline.Data.IO;

namespace Pipeline.Data.Sales;

/// <summary>
/// Writes store-item days as the CSV SageMaker's XGBoost trains on: label first, then the features, no header.
/// </summary>
public static class SalesCsv
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The longest shortest-round-trip float, "-1.17549435E-38", and its separator.</summary>
    private const int MaxFieldBytes = 16;

    /// <summary>2^24: every integer below it is a float, and the round-trip format writes it in full.</summary>
    private const int LargestExactInteger = 1 << 24;

    /// <summary>
    /// Writes days [<paramref name="from"/>, <paramref name="to"/>) of the series as rows of the label and
    /// <see cref="SalesFeatures.Count"/> features: ',' between fields, '\n' after each row, each value the shortest
    /// invariant text that reads back as the same float (so integers are written as integers, "3", and prices as
    /// "2.98"). Leaves the stream open.
    /// </summary>
    /// <returns>The number of rows written.</returns>
    public static long Write(StoreItemSeries series, int from, int to, Stream into)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to, series.Days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);

        var rowBytes = (SalesFeatures.Count + 1) * MaxFieldBytes;
        Span<float> features = stackalloc float[SalesFeatures.Count];
        using var writer = new PooledStreamWriter(into, BufferSize, leaveOpen: true);
        for (var day = from; day < to; day++)
        {
            series.Features(day, features);
            var row = writer.GetSpan(rowBytes);
            var length = Append(series.Label(day), row);
            foreach (var feature in features)
            {
                row[length++] = (byte)',';
                length += Append(feature, row[length..]);
            }

            row[length++] = (byte)'\n';
            writer.Advance(length);
        }

        writer.Flush();
        return to - from;
    }

    private static int Append(float value, Span<byte> into)
    {
        // Most fields are small whole numbers; writing them as integers gives the same text, several times faster
        // (-0 is left to the float path, which keeps its sign).
        var whole = (int)value;
        var written = 0;
        var fits = whole == value && whole is > -LargestExactInteger and < LargestExactInteger && !float.IsNegative(value)
            ? Utf8Formatter.TryFormat(whole, into, out written)
            : value.TryFormat(into, out written, provider: CultureInfo.InvariantCulture);
        return fits ? written : throw new InvalidOperationException($"No room to write {value}.");
    }
}
