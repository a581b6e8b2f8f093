using System.IO.Compression;
using System.Runtime.CompilerServices;
using Pipeline.Data.RecordIO;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>What one host read from one channel: its rows (null when it had none) and how many files.</summary>
internal sealed record ChannelRows(RowSet? Rows, int Files)
{
    public long Count => Rows?.Count ?? 0;
}

/// <summary>
/// Reads every file of a channel folder (recursively, in ordinal order of their paths) as RecordIO-protobuf
/// (Float32 tensors) or text/csv (label first, no header), gunzipping each when the channel's CompressionType is Gzip.
/// </summary>
internal static class ChannelLoader
{
    private const string RecordIo = "application/x-recordio-protobuf";
    private const string Csv = "text/csv";

    public static ChannelRows Load(string folder, ChannelInput channel, int? featureDim, PredictorType predictor,
        CancellationToken cancellationToken)
    {
        var format = Format(channel);
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            : [];
        Array.Sort(files, StringComparer.Ordinal);
        var gzip = string.Equals(channel.CompressionType, "Gzip", StringComparison.OrdinalIgnoreCase);

        RowSet? rows = null;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = $"{channel.Name}/{Path.GetRelativePath(folder, file).Replace('\\', '/')}";
            try
            {
                using var raw = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                using var stream = gzip ? new GZipStream(raw, CompressionMode.Decompress) : (Stream)raw;
                var sink = new RowSink(featureDim, predictor, rows);
                if (format == RecordIo)
                    ReadRecordIo(stream, featureDim, ref sink);
                else
                    ReadCsv(stream, ref sink);
                rows = sink.Rows;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException or OverflowException)
            {
                throw new AlgorithmErrorException($"Linear learner cannot read {name} ({Describe(format, gzip)}): {e.Message}", e);
            }
        }

        return new ChannelRows(rows, files.Length);
    }

    private static string Format(ChannelInput channel)
    {
        var contentType = channel.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        switch (contentType)
        {
            case null or "" or RecordIo or "application/x-recordio": return RecordIo;
            case Csv:
                foreach (var parameter in channel.ContentType!.Split(';').Skip(1))
                {
                    var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
                    if (pair is not ["label_size", "1"])
                        throw new AlgorithmErrorException(
                            $"Channel {channel.Name} has ContentType '{channel.ContentType}': linear learner reads text/csv with the label in the first column (label_size=1) only.");
                }

                return Csv;
            default:
                throw new AlgorithmErrorException(
                    $"Channel {channel.Name} has ContentType '{channel.ContentType}': linear learner reads {RecordIo} or {Csv}.");
        }
    }

    private static string Describe(string format, bool gzip) => gzip ? $"{format}, gzip" : format;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadRecordIo(Stream stream, int? featureDim, ref RowSink sink)
    {
        using var reader = new RecordIoReader(stream, new RecordIoReadOptions { FeatureDim = featureDim, Float32Only = true }, leaveOpen: true);
        while (reader.TryRead(out var record))
        {
            if (record.Labels.Length != 1)
                throw new InvalidDataException(record.HasLabel
                    ? $"the record at byte offset {record.Offset} has {record.Labels.Length} label values; linear learner needs one"
                    : $"the record at byte offset {record.Offset} has no label");
            sink.Add(record.Features, record.Labels[0], $"the record at byte offset {record.Offset}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadCsv(Stream stream, ref RowSink sink)
    {
        var reader = new CsvRowReader(stream);
        while (reader.TryRead(out var values))
        {
            if (values.Length < 2)
                throw new InvalidDataException($"line {reader.Line} has {values.Length} column; a label and at least one feature are needed");
            sink.Add(values[1..], values[0], $"line {reader.Line}");
        }
    }

    /// <summary>Checks each row's width and label, and appends it.</summary>
    private ref struct RowSink(int? featureDim, PredictorType predictor, RowSet? rows)
    {
        public RowSet? Rows { get; private set; } = rows;

        public void Add(ReadOnlySpan<float> features, float label, string where)
        {
            if (featureDim is { } expected && features.Length != expected)
                throw new InvalidDataException($"{where} has {features.Length} features; feature_dim is {expected}");
            Rows ??= new RowSet(features.Length);
            if (features.Length != Rows.FeatureCount)
                throw new InvalidDataException($"{where} has {features.Length} features; the rows before it have {Rows.FeatureCount}");
            if (predictor == PredictorType.BinaryClassifier && label is not (0f or 1f))
                throw new InvalidDataException($"{where} has label {label}; binary_classifier needs labels 0 or 1");
            if (!float.IsFinite(label))
                throw new InvalidDataException($"{where} has label {label}; labels must be finite");
            foreach (var value in features)
                if (!float.IsFinite(value))
                    throw new InvalidDataException($"{where} has a feature {value}; features must be finite");
            Rows.Add(features, label);
        }
    }
}
