using System.Globalization;
using Pipeline.LocalSageMaker.XGBoost;

namespace Pipeline.Benchmarks;

/// <summary>
/// The model the XGBoost endpoint benchmark hosts, trained in the run by xgboost_benchmark_model.py with Debian's
/// python3-xgboost on generated rows of the body's width and kinds (the M5 sales setting: reg:tweedie, max_depth 5,
/// eta 0.1; see the script) and saved as <c>xgboost-model</c> (JSON) in a folder of its own.
/// </summary>
internal sealed record XGBoostBenchmarkModel(string Path, string Description)
{
    public const int TrainRows = 100_000;
    public const int Trees = 200;
    private const int Seed = 1729;

    private static string Script => NotebookReference.BenchmarkScript("xgboost_benchmark_model.py");

    public static async Task<XGBoostBenchmarkModel> TrainAsync(string folder, int features)
    {
        Directory.CreateDirectory(folder);
        using var json = await DebianPython.RunAsync(Script, folder, features.ToString(CultureInfo.InvariantCulture),
            TrainRows.ToString(CultureInfo.InvariantCulture), Trees.ToString(CultureInfo.InvariantCulture), Seed.ToString(CultureInfo.InvariantCulture));
        var root = json.RootElement;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"reg:tweedie (variance power 1.1), max_depth 5, eta 0.1, hist, {root.GetProperty("trees").GetInt32()} trees ({root.GetProperty("fullTrees").GetInt32()} with all 32 leaves, {root.GetProperty("leaves").GetInt32():N0} leaves), trained by xgboost {root.GetProperty("xgboost").GetString()} on {root.GetProperty("rows").GetInt32():N0} generated rows of {features} features (counts: mean {root.GetProperty("meanLabel").GetDouble():N2}, {root.GetProperty("zeroLabels").GetDouble():P0} zeros) in {root.GetProperty("seconds").GetDouble():N1} s");
        return new XGBoostBenchmarkModel(System.IO.Path.Combine(folder, XGBoostModel.FileName), description);
    }
}
