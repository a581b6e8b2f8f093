namespace Pipeline.Data.RecordIO;

/// <summary>
/// Reads RecordIO-protobuf records written by any writer: whole or multi-part frames; <c>features["values"]</c>
/// dense (values only) or sparse (values + keys, with a shape or <see cref="RecordIoReadOptions.FeatureDim"/>),
/// expanded to dense; <c>label["values"]</c> present or absent; Float32 tensors, and Float64 / Int32 unless
/// <see cref="RecordIoReadOptions.Float32Only"/>. Unknown fields and map keys other than "values" (and
/// <see cref="RecordIoReadOptions.LabelKeys"/>) are skipped.
/// Anything malformed throws <see cref="InvalidDataException"/> naming the record's byte offset. Buffers are
/// reused: nothing is allocated per record once they have grown to the widest row.
/// </summary>
public sealed class RecordIoReader : IDisposable
{
    private static ReadOnlySpan<byte> ValuesKey => "values"u8;

    private readonly RecordIoFrameReader _frames;
    private readonly RecordIoReadOptions _options;
    private readonly TensorBuilder _features = new();
    private readonly TensorBuilder _label = new();
    private readonly (string Key, byte[] Utf8Key, TensorBuilder Tensor)[] _namedLabels;
    private float[] _dense = new float[64];

    public RecordIoReader(Stream stream, RecordIoReadOptions? options = null, bool leaveOpen = false)
    {
        _options = options ?? RecordIoReadOptions.Default;
        if (_options.FeatureDim is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), _options.FeatureDim, "FeatureDim must be positive.");
        _namedLabels = [.. _options.LabelKeys.Where(k => k != "values").Distinct(StringComparer.Ordinal)
            .Select(k => (k, System.Text.Encoding.UTF8.GetBytes(k), new TensorBuilder()))];
        _frames = new RecordIoFrameReader(stream, leaveOpen);
    }

    public long RecordsRead { get; private set; }

    /// <summary>Reads the next record; false at the end of the stream.</summary>
    public bool TryRead(out RecordIoRecord record)
    {
        if (!_frames.TryRead(out var payload, out var offset))
        {
            record = default;
            return false;
        }

        try
        {
            Decode(payload);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"The record at byte offset {offset} is not a valid aialgs.data.Record: {e.Message}.", e);
        }

        ReadOnlySpan<float> features = default;
        var isSparse = false;
        if (_features.Present)
        {
            RefuseUnlessFloat32(_features, "features", "values", offset);
            features = Densify(offset, out isSparse);
        }
        else if (!_options.FeaturesOptional)
        {
            throw new InvalidDataException($"The record at byte offset {offset} has no features[\"values\"] tensor.");
        }

        ReadOnlySpan<float> labels = default;
        RecordIoTensorType? labelType = null;
        if (_label.Present)
        {
            RefuseUnlessFloat32(_label, "label", "values", offset);
            labels = _label.Values;
            labelType = _label.Type;
        }

        foreach (var (key, _, tensor) in _namedLabels)
        {
            if (tensor.Present)
                RefuseUnlessFloat32(tensor, "label", key, offset);
        }

        RecordsRead++;
        record = new RecordIoRecord(this, offset, features, _features.Type, isSparse, labels, labelType);
        return true;
    }

    public void Dispose() => _frames.Dispose();

    /// <summary>The values of <c>label[key]</c> in the record just read; <paramref name="key"/> must be one of the options' LabelKeys.</summary>
    internal ReadOnlySpan<float> NamedLabel(string key)
    {
        foreach (var (name, _, tensor) in _namedLabels)
        {
            if (name == key)
                return tensor.Present ? tensor.Values : default;
        }

        throw new ArgumentException($"The reader was not asked to read label[\"{key}\"]: name it in RecordIoReadOptions.LabelKeys.", nameof(key));
    }

    private void Decode(ReadOnlySpan<byte> payload)
    {
        _features.Reset();
        _label.Reset();
        foreach (var (_, _, tensor) in _namedLabels)
            tensor.Reset();
        var reader = new ProtobufReader(payload);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field is 1 or 2 && wireType == WireType.LengthDelimited)
                DecodeMapEntry(reader.ReadLengthDelimited(), field == 1);
            else
                reader.Skip(field, wireType);
        }
    }

    /// <summary>
    /// A <c>map&lt;string, Value&gt;</c> entry of features or label; only key "values" (and, of the label, the
    /// named keys) matters, and the last entry of a key wins.
    /// </summary>
    private void DecodeMapEntry(ReadOnlySpan<byte> entry, bool isFeatures)
    {
        var reader = new ProtobufReader(entry);
        ReadOnlySpan<byte> key = default;
        ReadOnlySpan<byte> value = default;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == WireType.LengthDelimited)
                key = reader.ReadLengthDelimited();
            else if (field == 2 && wireType == WireType.LengthDelimited)
                value = reader.ReadLengthDelimited();
            else
                reader.Skip(field, wireType);
        }

        TensorBuilder? target;
        if (key.SequenceEqual(ValuesKey))
            target = isFeatures ? _features : _label;
        else
            target = isFeatures ? null : NamedLabelTensor(key);
        if (target is null)
            return;
        target.Reset();
        DecodeValue(key, value, target);
    }

    private TensorBuilder? NamedLabelTensor(ReadOnlySpan<byte> key)
    {
        foreach (var (_, utf8Key, tensor) in _namedLabels)
        {
            if (key.SequenceEqual(utf8Key))
                return tensor;
        }

        return null;
    }

    private static void DecodeValue(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, TensorBuilder target)
    {
        var reader = new ProtobufReader(value);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            RecordIoTensorType? type = field switch
            {
                2 => RecordIoTensorType.Float32Tensor,
                3 => RecordIoTensorType.Float64Tensor,
                7 => RecordIoTensorType.Int32Tensor,
                _ => null,
            };
            if (field == 9)
                throw new FormatException($"a \"{System.Text.Encoding.UTF8.GetString(key)}\" entry holds Bytes, not a numeric tensor");
            if (type is { } tensorType && wireType == WireType.LengthDelimited)
                target.Merge(tensorType, reader.ReadLengthDelimited());
            else
                reader.Skip(field, wireType);
        }
    }

    private void RefuseUnlessFloat32(TensorBuilder tensor, string map, string key, long offset)
    {
        if (_options.Float32Only && tensor.Type != RecordIoTensorType.Float32Tensor)
            throw new InvalidDataException(
                $"The record at byte offset {offset} has a {tensor.Type} in {map}[\"{key}\"]; linear learner accepts only Float32Tensor.");
    }

    private ReadOnlySpan<float> Densify(long offset, out bool isSparse)
    {
        var values = _features.Values;
        var keys = _features.Keys;
        long? shapeSize = _features.ShapeCount > 0 ? ShapeSize(_features.Shape, offset) : null;
        isSparse = keys.Length > 0 || (values.IsEmpty && shapeSize is not null);

        if (!isSparse)
        {
            if (values.IsEmpty)
                throw new InvalidDataException($"The record at byte offset {offset} has an empty features tensor (no values, no shape).");
            if (shapeSize is { } size && size != values.Length)
                throw new InvalidDataException(
                    $"The record at byte offset {offset} has {values.Length} dense feature values but shape [{string.Join(", ", _features.Shape.ToArray())}].");
            RequireFeatureDim(values.Length, offset);
            return values;
        }

        if (keys.Length != values.Length)
            throw new InvalidDataException($"The sparse record at byte offset {offset} has {values.Length} values but {keys.Length} keys.");
        var width = shapeSize ?? _options.FeatureDim
            ?? throw new InvalidDataException(
                $"The sparse record at byte offset {offset} has no shape, and no feature dimension was given to expand it to.");
        if (width > Array.MaxLength)
            throw new InvalidDataException($"The sparse record at byte offset {offset} has {width:N0} columns, more than an array can hold.");
        RequireFeatureDim(width, offset);

        if (_dense.Length < width)
            _dense = new float[Math.Max(width, _dense.Length * 2L)];
        var dense = _dense.AsSpan(0, (int)width);
        dense.Clear();
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] >= (ulong)width)
                throw new InvalidDataException(
                    $"The sparse record at byte offset {offset} has key {keys[i]}, outside its {width} columns.");
            dense[(int)keys[i]] = values[i];
        }

        return dense;
    }

    private void RequireFeatureDim(long width, long offset)
    {
        if (_options.FeatureDim is { } expected && expected != width)
            throw new InvalidDataException($"The record at byte offset {offset} has {width} features; feature_dim is {expected}.");
    }

    private static long ShapeSize(ReadOnlySpan<ulong> shape, long offset)
    {
        ulong size = 1;
        foreach (var dimension in shape)
        {
            if (dimension != 0 && size > (ulong)Array.MaxLength / dimension)
                throw new InvalidDataException($"The record at byte offset {offset} has a shape too large to expand.");
            size *= dimension;
        }

        return (long)size;
    }
}
