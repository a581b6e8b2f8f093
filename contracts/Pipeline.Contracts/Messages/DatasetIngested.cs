namespace Pipeline.Contracts;

public sealed record DatasetIngested
{
    public required Guid ExperimentId { get; init; }
    public required IngestedDataset Dataset { get; init; }
}

/// <summary>Where the prepared data is and what ingestion saw on the way.</summary>
public sealed record IngestedDataset
{
    public required string TrainPrefix { get; init; }
    public required string ValidationPrefix { get; init; }

    /// <summary>Labelled test rows: RecordIO-protobuf (.data) or label-first CSV (.csv).</summary>
    public required string TestObject { get; init; }

    public required int FeatureDim { get; init; }

    /// <summary>What the train and validation objects hold: one of <see cref="DatasetContentTypes"/>.</summary>
    public string ContentType { get; init; } = DatasetContentTypes.RecordIOProtobuf;

    /// <summary>True when the spec named an already-prepared dataset and nothing was read.</summary>
    public bool Prepared { get; init; }

    /// <summary>
    /// What identifies the dataset (16 hex digits of a SHA-256 over its sources, years, seed and transform version);
    /// its objects live under &lt;prefix&gt;/datasets/&lt;digest&gt;/. Null for a dataset the spec named.
    /// </summary>
    public string? Digest { get; init; }

    /// <summary>True when an earlier run had prepared this very dataset (its manifest and objects checked) and ingestion was skipped.</summary>
    public bool Reused { get; init; }

    /// <summary>
    /// Event codes of the one-hot columns, in column order, as the notebook's pandas reads them: integers, so CAMEO
    /// "010" is "10" and "0834" is "834" (zero-padding to three digits would misname the four-digit codes).
    /// </summary>
    public IReadOnlyList<string> Vocabulary { get; init; } = [];

    public IngestionCounts? Counts { get; init; }

    public IReadOnlyList<StoredObject> Objects { get; init; } = [];
}

public sealed record IngestionCounts
{
    public required long RowsRead { get; init; }
    public required long RowsKept { get; init; }

    /// <summary>Rows not used, by reason (malformed row, code outside the vocabulary, (0,0) or missing coordinates, ...).</summary>
    public required IReadOnlyDictionary<string, long> Dropped { get; init; }

    /// <summary>Where the first malformed rows of each kind are ("1981.csv line 12"), so they can be looked at.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MalformedExamples { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public required long TrainRows { get; init; }
    public required long ValidationRows { get; init; }
    public required long TestRows { get; init; }
}

public sealed record StoredObject(string Uri, long SizeBytes);

/// <summary>The channel content types a dataset's train and validation objects can have.</summary>
public static class DatasetContentTypes
{
    /// <summary>Float32 RecordIO-protobuf: the GDELT datasets, the linear learner's native input.</summary>
    public const string RecordIOProtobuf = "application/x-recordio-protobuf";

    /// <summary>Label-first CSV without a header: the generated sales, XGBoost's input as the blog gives it.</summary>
    public const string Csv = "text/csv";

    public static IReadOnlyList<string> All { get; } = [RecordIOProtobuf, Csv];
}
