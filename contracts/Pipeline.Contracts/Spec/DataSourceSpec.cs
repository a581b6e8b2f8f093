using System.Text.Json.Serialization;

namespace Pipeline.Contracts;

/// <summary>
/// Where the experiment's data comes from: GDELT year files to ingest, M5-like store-item sales to generate (the XGBoost
/// seed's data), or a dataset prepared earlier.
/// </summary>
public sealed record DataSourceSpec
{
    /// <summary>GDELT years to train on; unused for <see cref="DataSourceKind.GeneratedSales"/>.</summary>
    public IReadOnlyList<int> TrainingYears { get; init; } = [1979, 1980, 1981, 1982, 1983];

    /// <summary>The held-out GDELT year; unused for <see cref="DataSourceKind.GeneratedSales"/>.</summary>
    public int TestYear { get; init; } = 1984;

    public DataSourceKind Kind { get; init; } = DataSourceKind.S3;

    /// <summary>A local folder, or an S3 prefix (default: the public GDELT bucket). Unused for generated data.</summary>
    public string? Location { get; init; } = "s3://gdelt-open-data/events/";

    /// <summary>Rows per generated year; only for <see cref="DataSourceKind.Generated"/>.</summary>
    public long? RowsPerYear { get; init; }

    /// <summary>Seed of the shuffle before the 90/10 split (the notebook's random_state) and of generated data.</summary>
    public int Seed { get; init; } = 1729;

    /// <summary>The shape of generated sales; only for <see cref="DataSourceKind.GeneratedSales"/> (null: the defaults).</summary>
    public SalesDataSpec? Sales { get; init; }

    /// <summary><see cref="Sales"/>, or the defaults when the spec left it out.</summary>
    [JsonIgnore]
    public SalesDataSpec SalesOrDefault => Sales ?? new SalesDataSpec();

    /// <summary>When set, ingestion is skipped and training reads these objects.</summary>
    public PreparedDatasetSpec? Prepared { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<DataSourceKind>))]
public enum DataSourceKind
{
    /// <summary>Year files (<c>&lt;year&gt;.csv</c>, optionally .gz or .zip) in a local folder.</summary>
    Local,

    /// <summary>Year files under an S3 prefix, such as s3://gdelt-open-data/events/.</summary>
    S3,

    /// <summary>Realistic GDELT rows made by the project's generator.</summary>
    Generated,

    /// <summary>
    /// M5-like daily unit sales of store-item series made by the project's generator, written as label-first CSV, one
    /// file per series (the XGBoost blog's layout); see <see cref="SalesDataSpec"/>.
    /// </summary>
    GeneratedSales,
}

/// <summary>
/// Generated store-item sales: <see cref="Stores"/> x <see cref="Items"/> series of <see cref="Days"/> days each; the
/// last <see cref="TestDays"/> of every series are the held-out test set, the <see cref="ValidationDays"/> before them
/// the validation channel, the rest the train channel.
/// </summary>
public sealed record SalesDataSpec
{
    // The generator's limits (Pipeline.Data's SalesShape): M5's 3,049 items, 100 stores, about 27 years of days.
    public const int MaxStores = 100;
    public const int MaxItems = 3049;
    public const int MaxDays = 10_000;
    public const long MaxRows = 50_000_000;

    /// <summary>Feature columns after the label in every generated row (Pipeline.Data's SalesFeatures.Count).</summary>
    public const int FeatureCount = 15;

    public int Stores { get; init; } = 10;
    public int Items { get; init; } = 30;
    public int Days { get; init; } = 1000;
    public int ValidationDays { get; init; } = 28;
    public int TestDays { get; init; } = 28;

    /// <summary>Days of the train channel.</summary>
    [JsonIgnore]
    public int TrainDays => Days - ValidationDays - TestDays;
}

/// <summary>An already-prepared dataset: train and validation prefixes (RecordIO-protobuf or CSV) and a labelled test object.</summary>
public sealed record PreparedDatasetSpec
{
    public required string TrainPrefix { get; init; }
    public required string ValidationPrefix { get; init; }

    /// <summary>Test rows with labels: RecordIO-protobuf (.data) or label-first CSV (.csv).</summary>
    public required string TestObject { get; init; }

    public int FeatureDim { get; init; } = 25;

    /// <summary>What the train and validation objects hold: one of <see cref="DatasetContentTypes"/>.</summary>
    public string ContentType { get; init; } = DatasetContentTypes.RecordIOProtobuf;
}
