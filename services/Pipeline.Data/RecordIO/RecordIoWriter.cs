using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Pipeline.Data.IO;

namespace Pipeline.Data.RecordIO;

/// <summary>
/// Writes RecordIO-protobuf <c>aialgs.data.Record</c>s, each framed as a whole (flag 0) and zero padded. Dense
/// float32 rows (<see cref="WriteDense"/>) come out byte for byte as the SageMaker Python SDK's
/// <c>write_numpy_to_dense_tensor</c> writes a float32 matrix and float32 labels: <c>features["values"]</c> a packed
/// Float32Tensor of the row and <c>label["values"]</c> a Float32Tensor of one value. Label-only records
/// (<see cref="WriteLabels"/>) are what an algorithm answers with predictions. The protobuf is encoded by hand
/// straight into a pooled buffer; nothing is allocated per row. Over a stream, writes reach it in large blocks,
/// synchronously, when the buffer fills, and on <see cref="Flush"/> or disposal; over a buffer writer, at once.
/// </summary>
public sealed class RecordIoWriter : IDisposable, IAsyncDisposable
{
    private const int DefaultBufferSize = 256 * 1024;

    // Wire tags: field number << 3 | wire type 2 (length-delimited).
    private const byte FeaturesTag = 0x0A; // Record.features = 1
    private const byte LabelTag = 0x12; // Record.label = 2
    private const byte MapKeyTag = 0x0A; // map entry key = 1
    private const byte MapValueTag = 0x12; // map entry value = 2
    private const byte Float32TensorTag = 0x12; // Value.float32_tensor = 2
    private const byte ValuesTag = 0x0A; // Float32Tensor.values = 1

    /// <summary>
    /// Record.label = 2, one map entry {key "values", value {float32_tensor {values [one float]}}}: everything
    /// but the float, which follows.
    /// </summary>
    private static ReadOnlySpan<byte> LabelPrefix =>
        [LabelTag, 0x12, MapKeyTag, 0x06, (byte)'v', (byte)'a', (byte)'l', (byte)'u', (byte)'e', (byte)'s',
         MapValueTag, 0x08, Float32TensorTag, 0x06, ValuesTag, 0x04];

    /// <summary>A map entry's value {float32_tensor {values [one float]}}: everything but the float.</summary>
    private static ReadOnlySpan<byte> OneFloatValuePrefix => [MapValueTag, 0x08, Float32TensorTag, 0x06, ValuesTag, 0x04];

    private static ReadOnlySpan<byte> ValuesKey => "values"u8;

    private readonly IBufferWriter<byte> _output;
    private readonly PooledStreamWriter? _stream;
    private bool _disposed;
    private byte[] _denseHeader = [];
    private int _denseRecordSize;
    private int _denseFeatureCount; // of the rows _denseHeader was made for; 0 before the first

    public RecordIoWriter(Stream stream, bool leaveOpen = false, int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1024);
        _stream = new PooledStreamWriter(stream, bufferSize, leaveOpen);
        _output = _stream;
    }

    /// <summary>Writes straight into <paramref name="output"/>; there is nothing to flush, and disposal leaves it as it is.</summary>
    public RecordIoWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    public long RecordsWritten { get; private set; }

    /// <summary>Bytes written so far (framing included), whether or not they have reached the stream yet.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>The bytes one dense record with <paramref name="featureCount"/> features occupies, framing included.</summary>
    public static long DenseRecordSize(int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        var payload = DensePayloadLength(featureCount, out _, out _, out _);
        return RecordIoFraming.HeaderSize + ((payload + 3) & ~3L);
    }

    public void WriteDense(ReadOnlySpan<float> features, float label)
    {
        if (features.IsEmpty)
            throw new ArgumentException("A row needs at least one feature.", nameof(features));
        if (features.Length != _denseFeatureCount)
            PrepareDense(features);

        var header = _denseHeader;
        var span = Reserve(_denseRecordSize);
        header.CopyTo(span);
        var pos = header.Length;
        pos += WriteFloats(features, span[pos..]);
        LabelPrefix.CopyTo(span[pos..]);
        pos += LabelPrefix.Length;
        BinaryPrimitives.WriteSingleLittleEndian(span[pos..], label);
        pos += sizeof(float);

        span[pos..].Clear();
        Commit(span.Length);
    }

    /// <summary>
    /// Writes a record with no features and a label map of one-value Float32Tensors, <paramref name="values"/>[i]
    /// under <paramref name="keys"/>[i], in that order: what linear learner answers for an Accept of
    /// application/x-recordio-protobuf (<c>label["score"]</c>, and <c>label["predicted_label"]</c> for a binary
    /// classifier).
    /// </summary>
    public void WriteLabels(ReadOnlySpan<string> keys, ReadOnlySpan<float> values)
    {
        if (keys.IsEmpty || keys.Length != values.Length)
            throw new ArgumentException($"A label record needs at least one key and a value for each; {keys.Length} keys, {values.Length} values.", nameof(values));
        long payloadLength = 0;
        foreach (var key in keys)
        {
            var entryLength = LabelEntryLength(Encoding.UTF8.GetByteCount(key));
            payloadLength += 1 + VarintSize(entryLength) + entryLength;
        }

        if (payloadLength > RecordIoFraming.MaxPayloadLength)
            throw new ArgumentException($"The labels make a {payloadLength:N0}-byte record; RecordIO allows {RecordIoFraming.MaxPayloadLength:N0}.", nameof(keys));

        var payload = (int)payloadLength;
        var span = Reserve(RecordIoFraming.HeaderSize + RecordIoFraming.PaddedLength(payload));
        BinaryPrimitives.WriteUInt32LittleEndian(span, RecordIoFraming.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], RecordIoFraming.EncodeLengthWord(RecordIoPart.Whole, payload));
        var pos = RecordIoFraming.HeaderSize;
        for (var i = 0; i < keys.Length; i++)
        {
            var keyLength = Encoding.UTF8.GetByteCount(keys[i]);
            span[pos++] = LabelTag;
            pos += WriteVarint(span[pos..], (uint)LabelEntryLength(keyLength));
            span[pos++] = MapKeyTag;
            pos += WriteVarint(span[pos..], (uint)keyLength);
            pos += Encoding.UTF8.GetBytes(keys[i], span[pos..]);
            OneFloatValuePrefix.CopyTo(span[pos..]);
            pos += OneFloatValuePrefix.Length;
            BinaryPrimitives.WriteSingleLittleEndian(span[pos..], values[i]);
            pos += sizeof(float);
        }

        span[pos..].Clear();
        Commit(span.Length);
    }

    /// <summary>
    /// Encodes, once per row width, everything of a dense record before its feature values (the framing and the
    /// protobuf up to the packed floats' length), which is the same for every row of that width.
    /// </summary>
    private void PrepareDense(ReadOnlySpan<float> features)
    {
        var featureCount = features.Length;
        var payloadLength = DensePayloadLength(featureCount, out var entryLength, out var valueLength, out var tensorLength);
        if (payloadLength > RecordIoFraming.MaxPayloadLength)
            throw new ArgumentException(
                $"A row of {featureCount:N0} features makes a {payloadLength:N0}-byte record; RecordIO allows {RecordIoFraming.MaxPayloadLength:N0}.",
                nameof(features));

        var payload = (int)payloadLength;
        Span<byte> header = stackalloc byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(header, RecordIoFraming.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], RecordIoFraming.EncodeLengthWord(RecordIoPart.Whole, payload));
        var pos = RecordIoFraming.HeaderSize;

        header[pos++] = FeaturesTag;
        pos += WriteVarint(header[pos..], (uint)entryLength);
        header[pos++] = MapKeyTag;
        header[pos++] = (byte)ValuesKey.Length;
        ValuesKey.CopyTo(header[pos..]);
        pos += ValuesKey.Length;
        header[pos++] = MapValueTag;
        pos += WriteVarint(header[pos..], (uint)valueLength);
        header[pos++] = Float32TensorTag;
        pos += WriteVarint(header[pos..], (uint)tensorLength);
        header[pos++] = ValuesTag;
        pos += WriteVarint(header[pos..], (uint)(featureCount * sizeof(float)));

        _denseHeader = header[..pos].ToArray();
        _denseRecordSize = RecordIoFraming.HeaderSize + RecordIoFraming.PaddedLength(payload);
        _denseFeatureCount = featureCount;
    }

    /// <summary>Hands everything written so far to the stream and flushes it.</summary>
    public void Flush() => _stream?.Flush();

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) =>
        _stream?.FlushAsync(cancellationToken) ?? ValueTask.CompletedTask;

    public void Dispose()
    {
        _disposed = true;
        _stream?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return _stream?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>Exactly <paramref name="size"/> bytes of the output to fill with one record.</summary>
    private Span<byte> Reserve(int size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _output.GetSpan(size)[..size];
    }

    private void Commit(int size)
    {
        _output.Advance(size);
        BytesWritten += size;
        RecordsWritten++;
    }

    /// <summary>A label map entry {key, value {float32_tensor {values [one float]}}}.</summary>
    private static long LabelEntryLength(int keyLength) =>
        1 + VarintSize(keyLength) + keyLength + OneFloatValuePrefix.Length + sizeof(float);

    private static long DensePayloadLength(int featureCount, out long entryLength, out long valueLength, out long tensorLength)
    {
        var valuesLength = (long)featureCount * sizeof(float);
        tensorLength = 1 + VarintSize(valuesLength) + valuesLength;
        valueLength = 1 + VarintSize(tensorLength) + tensorLength;
        entryLength = 2 + ValuesKey.Length + 1 + VarintSize(valueLength) + valueLength;
        return 1 + VarintSize(entryLength) + entryLength + LabelPrefix.Length + sizeof(float);
    }

    private static int VarintSize(long value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    private static int WriteFloats(ReadOnlySpan<float> values, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(destination[(i * sizeof(float))..], values[i]);
        }

        return values.Length * sizeof(float);
    }
}
