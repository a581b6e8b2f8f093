using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>The ingest benchmark's command line.</summary>
internal sealed record IngestBenchmarkOptions
{
    public const string Synopsis =
        "ingest [--size-mb 1024] [--seed 1729] [--runs 3] [--skip-reference] [--reference-mb N] [--work <dir>] [--keep] [--json]";

    /// <summary>Size of the generated year file, in MB of 10^6 bytes (as `pipeline generate` counts).</summary>
    public int SizeMb { get; init; } = 1024;

    public int Seed { get; init; } = 1729;

    /// <summary>Times our ingestion runs on the file; the median run is reported (one run of 1 GB is a second, and this VM has noisy neighbours).</summary>
    public int Runs { get; init; } = 3;

    public bool SkipReference { get; init; }

    /// <summary>Run the reference on the first N MB of the file only (cut at a line boundary); null: the whole file.</summary>
    public int? ReferenceMb { get; init; }

    /// <summary>Folder for the year file, the objects and the reference's output; null: a new temporary folder.</summary>
    public string? Work { get; init; }

    /// <summary>Leave what the benchmark wrote in the work folder.</summary>
    public bool Keep { get; init; }

    /// <summary>Also print the results as JSON on stdout.</summary>
    public bool Json { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, out IngestBenchmarkOptions options, out string? error)
    {
        options = new IngestBenchmarkOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--skip-reference": options = options with { SkipReference = true }; continue;
                case "--keep": options = options with { Keep = true }; continue;
                case "--json": options = options with { Json = true }; continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--size-mb" when Positive(value, out var size): options = options with { SizeMb = size }; break;
                case "--reference-mb" when Positive(value, out var mb): options = options with { ReferenceMb = mb }; break;
                case "--runs" when Positive(value, out var runs): options = options with { Runs = runs }; break;
                case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--work": options = options with { Work = value }; break;
                case "--size-mb" or "--reference-mb" or "--runs" or "--seed":
                    error = $"{name} takes a non-negative whole number (positive for sizes), not '{value}'.";
                    return false;
                default:
                    error = $"Unknown option {name}.";
                    return false;
            }
        }

        return true;
    }

    public static int Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine($"Usage: dotnet run -c Release --project tests/Pipeline.Benchmarks -- {Synopsis}");
        return 2;
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
