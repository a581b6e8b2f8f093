using System.Text.Json.Serialization;

namespace Pipeline.Contracts;

/// <summary>Where the experiment's data comes from: GDELT year files to ingest, or a dataset prepared earlier.</summary>
public sealed record DataSourceSpec
{
    public IReadOnlyList<int> TrainingYears { get; init; } = [1979, 1980, 1981, 1982, 1983];

    public int TestYear { get; init; } = 1984;

    public GdeltSourceKind Kind { get; init; } = GdeltSourceKind.S3;

    /// <summary>A local folder, or an S3 prefix (default: the public GDELT bucket). Unused for generated data.</summary>
    public string? Location { get; init; } = "s3://gdelt-open-data/events/";

    /// <summary>Rows per generated year; only for <see cref="GdeltSourceKind.Generated"/>.</summary>
    public long? RowsPerYear { get; init; }

    /// <summary>Seed of the shuffle before the 90/10 split (the notebook's random_state) and of generated data.</summary>
    public int Seed { get; init; } = 1729;

    /// <summary>When set, ingestion is skipped and training reads these objects.</summary>
    public PreparedDatasetSpec? Prepared { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<GdeltSourceKind>))]
public enum GdeltSourceKind
{
    /// <summary>Year files (<c>&lt;year&gt;.csv</c>, optionally .gz or .zip) in a local folder.</summary>
    Local,

    /// <summary>Year files under an S3 prefix, such as s3://gdelt-open-data/events/.</summary>
    S3,

    /// <summary>Realistic rows made by the project's generator.</summary>
    Generated,
}

/// <summary>An already-prepared dataset: RecordIO-protobuf train and validation prefixes and a labelled test object.</summary>
public sealed record PreparedDatasetSpec
{
    public required string TrainPrefix { get; init; }
    public required string ValidationPrefix { get; init; }

    /// <summary>Test rows with labels: RecordIO-protobuf (.data) or label-first CSV (.csv).</summary>
    public required string TestObject { get; init; }

    public int FeatureDim { get; init; } = 25;
}
