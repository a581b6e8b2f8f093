using System.Globalization;
using System.Text;

namespace Pipeline.LocalSageMaker.Tests.Conformance;

/// <summary>One item-store series of the blog's M5 data: its file name and CSV rows (no header).</summary>
/// <param name="TrainRows">Label (the day's unit sales) first, then the features.</param>
/// <param name="InferenceRows">The features of the days after, without labels.</param>
public sealed record M5Series(string FileName, IReadOnlyList<string> TrainRows, IReadOnlyList<string> InferenceRows)
{
    public byte[] TrainCsv() => Csv(TrainRows);

    public byte[] InferenceCsv() => Csv(InferenceRows);

    private static byte[] Csv(IReadOnlyList<string> rows) => Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => r + "\n")));
}

/// <summary>
/// Small, deterministic data shaped as the blog's: one file per item and store (FOODS_1_001_CA_1_evaluation.csv ...),
/// daily unit sales (non-negative counts, many zeros) drawn from Poisson rates that depend on the weekday, SNAP days
/// and price cuts, and the features an M5 model is given: weekday, month, SNAP, sell price, sales 28 and 35 days
/// before and the mean of the 7 days ending 28 days before.
/// </summary>
public static class M5StoreItems
{
    public const int FeatureCount = 7;
    public const int TrainDays = 42;
    public const int HorizonDays = 28;

    private const int HistoryDays = 35;
    private static readonly string[] Items = ["FOODS_1_001", "FOODS_1_002", "FOODS_3_090", "HOBBIES_1_001"];
    private static readonly string[] Stores = ["CA_1", "CA_2", "CA_3", "CA_4", "TX_1", "TX_2", "TX_3", "WI_1", "WI_2", "WI_3"];
    private static readonly double[] WeekdayEffect = [1.6, 1.5, 1.0, 0.9, 0.9, 1.0, 1.3]; // Saturday first, as M5's wday

    /// <summary>Every item in every store: 40 series, in the order of their names.</summary>
    public static IReadOnlyList<M5Series> All()
    {
        var random = new Random(2020);
        return [.. Items.SelectMany(item => Stores.Select(store => Series($"{item}_{store}_evaluation.csv", store[..2], random)))
            .OrderBy(s => s.FileName, StringComparer.Ordinal)];
    }

    private static M5Series Series(string fileName, string state, Random random)
    {
        var days = HistoryDays + TrainDays + HorizonDays;
        var level = 0.2 + random.NextDouble() * 3.8;
        var price = Math.Round(1 + random.NextDouble() * 8, 2);
        var snapOffset = state switch { "CA" => 0, "TX" => 2, _ => 4 };
        var sales = new int[days];
        var features = new string[days];
        for (var d = 0; d < days; d++)
        {
            var wday = d % 7 + 1;
            var month = d / 30 % 12 + 1;
            var snap = (d % 30 - snapOffset) is >= 0 and < 10 ? 1 : 0;
            var cut = random.NextDouble() < 0.1;
            var sellPrice = cut ? Math.Round(price * 0.8, 2) : price;
            sales[d] = Poisson(random, level * WeekdayEffect[wday - 1] * (snap == 1 ? 1.2 : 1) * (cut ? 1.4 : 1));
            if (d < HistoryDays)
                continue;
            var mean = Enumerable.Range(d - 34, 7).Average(i => sales[i]);
            features[d] = string.Create(CultureInfo.InvariantCulture,
                $"{wday},{month},{snap},{sellPrice:0.00},{sales[d - 28]},{sales[d - 35]},{mean:0.####}");
        }

        var train = Enumerable.Range(HistoryDays, TrainDays).Select(d => $"{sales[d]},{features[d]}").ToList();
        var inference = Enumerable.Range(HistoryDays + TrainDays, HorizonDays).Select(d => features[d]).ToList();
        return new M5Series(fileName, train, inference);
    }

    // Knuth's method: fine for the small rates here.
    private static int Poisson(Random random, double rate)
    {
        var limit = Math.Exp(-rate);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
            count++;
        return count;
    }
}
