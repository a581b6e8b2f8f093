using System.Globalization;
using System.Text;

namespace Pipeline.Benchmarks;

/// <summary>
/// The endpoint benchmark's request body: label-free CSV rows like the experiment's features: event codes and counts
/// (integers), tone and Goldstein scale (one or two decimals), latitudes and longitudes (four decimals), one-hot flags;
/// column d is of kind d % 5 in that order.
/// </summary>
internal static class EndpointCsvBody
{
    /// <summary>Rows until the body holds at least <paramref name="bytes"/> bytes.</summary>
    public static byte[] Create(int features, long bytes, out int rows)
    {
        var random = new Random(9);
        var text = new StringBuilder();
        rows = 0;
        while (text.Length < bytes)
        {
            for (var d = 0; d < features; d++)
            {
                if (d > 0)
                    text.Append(',');
                text.Append((d % 5) switch
                {
                    0 => random.Next(10, 2000).ToString(CultureInfo.InvariantCulture),
                    1 => ((random.NextDouble() * 20) - 10).ToString("0.##", CultureInfo.InvariantCulture),
                    2 => ((random.NextDouble() * 180) - 90).ToString("0.0000", CultureInfo.InvariantCulture),
                    3 => ((random.NextDouble() * 360) - 180).ToString("0.0000", CultureInfo.InvariantCulture),
                    _ => random.Next(2).ToString(CultureInfo.InvariantCulture),
                });
            }

            text.Append('\n');
            rows++;
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
