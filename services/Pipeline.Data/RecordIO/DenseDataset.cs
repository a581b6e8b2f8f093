namespace Pipeline.Data.RecordIO;

/// <summary>One labelled row: its features (dense) and its single label.</summary>
public readonly record struct DenseRow(float[] Features, float Label);

/// <summary>Every row of a .data object and the width they all share.</summary>
public sealed record DenseDataset(int FeatureCount, IReadOnlyList<DenseRow> Rows)
{
    /// <summary>
    /// Reads a whole RecordIO-protobuf object. Every record must have one label value and as many features as the
    /// first (or <see cref="RecordIoReadOptions.FeatureDim"/> when given); otherwise <see cref="InvalidDataException"/>
    /// names the record's byte offset. An empty object has <see cref="RecordIoReadOptions.FeatureDim"/> (or 0) features.
    /// </summary>
    public static DenseDataset Read(Stream stream, RecordIoReadOptions? options = null, bool leaveOpen = false)
    {
        var rows = new List<DenseRow>();
        var featureCount = options?.FeatureDim ?? 0;
        using var reader = new RecordIoReader(stream, options, leaveOpen);
        while (reader.TryRead(out var record))
            rows.Add(ToRow(record, ref featureCount));
        return new DenseDataset(featureCount, rows);
    }

    /// <summary>The same rows one at a time, for objects too large to hold.</summary>
    public static IEnumerable<DenseRow> ReadRows(Stream stream, RecordIoReadOptions? options = null, bool leaveOpen = false)
    {
        var featureCount = options?.FeatureDim ?? 0;
        using var reader = new RecordIoReader(stream, options, leaveOpen);
        while (Next(reader, ref featureCount) is { } row)
            yield return row;
    }

    private static DenseRow? Next(RecordIoReader reader, ref int featureCount) =>
        reader.TryRead(out var record) ? ToRow(record, ref featureCount) : null;

    private static DenseRow ToRow(RecordIoRecord record, ref int featureCount)
    {
        if (featureCount == 0)
            featureCount = record.Features.Length;
        else if (record.Features.Length != featureCount)
            throw new InvalidDataException(
                $"The record at byte offset {record.Offset} has {record.Features.Length} features; the rows before it have {featureCount}.");
        if (record.Labels.Length != 1)
            throw new InvalidDataException(record.HasLabel
                ? $"The record at byte offset {record.Offset} has {record.Labels.Length} label values; one is needed."
                : $"The record at byte offset {record.Offset} has no label.");
        return new DenseRow(record.Features.ToArray(), record.Labels[0]);
    }
}
