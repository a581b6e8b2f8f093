namespace Pipeline.Benchmarks;

/// <summary>The ingest benchmark's options (read by <see cref="IngestBenchmarkCommand"/>); the initial values are the defaults.</summary>
internal sealed record IngestBenchmarkOptions
{
    public static readonly IngestBenchmarkOptions Defaults = new();

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
}
