using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Pipeline.Benchmarks;

/// <summary>
/// Runs reference_ingest.py (the notebook's pandas preparation and the SageMaker SDK's per-row protobuf writer) with
/// Debian's python3, and reads the figures it prints. Its time is its own: read_csv to the last object written.
/// </summary>
internal static class NotebookReference
{
    public const string Requirements = "apt-get install -y python3-pandas python3-protobuf";

    public static string Script => BenchmarkScript("reference_ingest.py");

    /// <summary>A script of this project's folder in the repository, where the references' Python files are.</summary>
    public static string BenchmarkScript(string fileName) => Path.Combine(RepositoryRoot(), "tests", "Pipeline.Benchmarks", fileName);

    /// <summary>Null when the reference can run; otherwise what is missing.</summary>
    public static string? Unavailable() => DebianPython.Lacks("pandas, google.protobuf", Requirements);

    public static async Task<ReferenceRun> RunAsync(BenchmarkYearFile file, int seed, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var clock = Stopwatch.StartNew();
        using var json = await DebianPython.RunAsync(Script, file.Path, outputFolder, seed.ToString(CultureInfo.InvariantCulture));
        var processSeconds = clock.Elapsed.TotalSeconds;
        var root = json.RootElement;
        return new ReferenceRun
        {
            InputBytes = file.Bytes,
            RowsRead = root.GetProperty("rowsRead").GetInt64(),
            RowsKept = root.GetProperty("rowsKept").GetInt64(),
            TrainRows = root.GetProperty("trainRows").GetInt64(),
            ValidationRows = root.GetProperty("validationRows").GetInt64(),
            Seconds = root.GetProperty("seconds").GetDouble(),
            ProcessSeconds = processSeconds,
            Stages = root.GetProperty("stages").EnumerateObject().Select(s => new Stage(s.Name, s.Value.GetDouble())).ToList(),
            PeakRssBytes = root.GetProperty("peakRssBytes").GetInt64(),
            TrainObject = Path.Combine(outputFolder, "train.data"),
            ValidationObject = Path.Combine(outputFolder, "validation.data"),
        };
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                    return dir.FullName;
        throw new DirectoryNotFoundException($"No Pipeline.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.");
    }
}

internal sealed record ReferenceRun
{
    public required long InputBytes { get; init; }
    public required long RowsRead { get; init; }
    public required long RowsKept { get; init; }
    public required long TrainRows { get; init; }
    public required long ValidationRows { get; init; }

    /// <summary>The script's processing time, read_csv to the last object written.</summary>
    public required double Seconds { get; init; }

    /// <summary>The whole python3 process, start-up and imports included.</summary>
    public required double ProcessSeconds { get; init; }

    public required IReadOnlyList<Stage> Stages { get; init; }
    public required long PeakRssBytes { get; init; }
    public required string TrainObject { get; init; }
    public required string ValidationObject { get; init; }
}
