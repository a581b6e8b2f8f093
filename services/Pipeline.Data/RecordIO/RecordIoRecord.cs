namespace Pipeline.Data.RecordIO;

/// <summary>
/// One decoded record: its dense features (sparse rows already expanded) and its label values. The spans belong to
/// the reader and stay valid only until its next <see cref="RecordIoReader.TryRead"/>.
/// </summary>
public readonly ref struct RecordIoRecord
{
    private readonly RecordIoReader? _reader;

    internal RecordIoRecord(RecordIoReader reader, long offset, ReadOnlySpan<float> features, RecordIoTensorType featureType, bool isSparse,
        ReadOnlySpan<float> labels, RecordIoTensorType? labelType)
    {
        _reader = reader;
        Offset = offset;
        Features = features;
        FeatureType = featureType;
        IsSparse = isSparse;
        Labels = labels;
        LabelType = labelType;
    }

    /// <summary>Byte offset of the record's (first) header in the stream.</summary>
    public long Offset { get; }

    /// <summary>Empty for a record without features (read only with <see cref="RecordIoReadOptions.FeaturesOptional"/>).</summary>
    public ReadOnlySpan<float> Features { get; }

    public RecordIoTensorType FeatureType { get; }

    /// <summary>The features were sent as values + keys (+ shape) and have been expanded.</summary>
    public bool IsSparse { get; }

    /// <summary>The values of <c>label["values"]</c>; empty when the record has no label.</summary>
    public ReadOnlySpan<float> Labels { get; }

    /// <summary>Null when the record has no label.</summary>
    public RecordIoTensorType? LabelType { get; }

    public bool HasLabel => LabelType is not null;

    /// <summary>
    /// The values of <c>label[<paramref name="key"/>]</c>, as float, for "values" or a key of
    /// <see cref="RecordIoReadOptions.LabelKeys"/>; empty when the record has no such entry.
    /// </summary>
    /// <exception cref="ArgumentException">The reader was not asked to read <paramref name="key"/>.</exception>
    public ReadOnlySpan<float> Label(string key) =>
        key == "values" ? Labels : (_reader ?? throw new InvalidOperationException("No record was read.")).NamedLabel(key);
}
