using Pipeline.Data.Sales;

namespace Pipeline.Data.Tests.Sales;

/// <summary>
/// The sales tests' common sample, generated once: 10 stores (M5's) x 30 items x 1000 days from seed 1729, each
/// series' labels and features read out into arrays.
/// </summary>
internal static class SalesSample
{
    public static readonly SalesShape Shape = new(Stores: 10, Items: 30, Days: 1000, Seed: 1729);

    public static readonly IReadOnlyList<SeriesDays> Series = [.. SalesGenerator.Generate(Shape).Select(SeriesDays.Read)];

    public static byte[] Csv(IEnumerable<StoreItemSeries> series)
    {
        using var csv = new MemoryStream();
        foreach (var one in series)
            SalesCsv.Write(one, 0, one.Days, csv);
        return csv.ToArray();
    }
}

/// <summary>A series with every day's label and features, [day][feature].</summary>
internal sealed record SeriesDays(StoreItemSeries Series, float[] Labels, float[][] Features)
{
    public static SeriesDays Read(StoreItemSeries series)
    {
        var labels = new float[series.Days];
        var features = new float[series.Days][];
        for (var day = 0; day < series.Days; day++)
        {
            labels[day] = series.Label(day);
            features[day] = new float[SalesFeatures.Count];
            series.Features(day, features[day]);
        }

        return new SeriesDays(series, labels, features);
    }

    public float Feature(int day, string name) => Features[day][Column(name)];

    public static int Column(string name)
    {
        var column = SalesFeatures.Names.ToList().IndexOf(name);
        return column >= 0 ? column : throw new ArgumentException($"No feature {name}.", nameof(name));
    }
}
