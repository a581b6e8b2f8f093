using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Pipeline.Data.RecordIO;

/// <summary>
/// One tensor of a record (<c>features["values"]</c> or <c>label["values"]</c>) as protobuf merges it: repeated
/// fields may arrive packed or not, in several pieces, and append; a different tensor type in the <c>Value</c>
/// oneof replaces the earlier one. Values become float (Float64 narrowed, Int32 converted). The arrays are reused
/// from record to record.
/// </summary>
internal sealed class TensorBuilder
{
    private float[] _values = new float[64];
    private ulong[] _keys = new ulong[64];
    private ulong[] _shape = new ulong[4];

    public bool Present { get; private set; }

    public RecordIoTensorType Type { get; private set; }

    public int ValueCount { get; private set; }

    public int KeyCount { get; private set; }

    public int ShapeCount { get; private set; }

    public ReadOnlySpan<float> Values => _values.AsSpan(0, ValueCount);

    public ReadOnlySpan<ulong> Keys => _keys.AsSpan(0, KeyCount);

    public ReadOnlySpan<ulong> Shape => _shape.AsSpan(0, ShapeCount);

    public void Reset()
    {
        Present = false;
        ValueCount = KeyCount = ShapeCount = 0;
    }

    /// <summary>Merges one serialized Float32Tensor, Float64Tensor or Int32Tensor.</summary>
    public void Merge(RecordIoTensorType type, ReadOnlySpan<byte> tensor)
    {
        if (Present && type != Type)
            Reset();
        Present = true;
        Type = type;

        var reader = new ProtobufReader(tensor);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    ReadValues(ref reader, wireType);
                    break;
                case 2:
                    KeyCount = ReadUInt64s(ref reader, wireType, ref _keys, KeyCount, "keys");
                    break;
                case 3:
                    ShapeCount = ReadUInt64s(ref reader, wireType, ref _shape, ShapeCount, "shape");
                    break;
                default:
                    reader.Skip(field, wireType);
                    break;
            }
        }
    }

    private void ReadValues(ref ProtobufReader reader, WireType wireType)
    {
        switch (Type, wireType)
        {
            case (RecordIoTensorType.Float32Tensor, WireType.LengthDelimited):
                AppendFloats(reader.ReadLengthDelimited());
                break;
            case (RecordIoTensorType.Float32Tensor, WireType.Fixed32):
                Reserve(1)[0] = BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
                break;
            case (RecordIoTensorType.Float64Tensor, WireType.LengthDelimited):
                AppendDoubles(reader.ReadLengthDelimited());
                break;
            case (RecordIoTensorType.Float64Tensor, WireType.Fixed64):
                Reserve(1)[0] = (float)BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                break;
            case (RecordIoTensorType.Int32Tensor, WireType.LengthDelimited):
                var packed = new ProtobufReader(reader.ReadLengthDelimited());
                while (!packed.End)
                    Reserve(1)[0] = (int)packed.ReadVarint();
                break;
            case (RecordIoTensorType.Int32Tensor, WireType.Varint):
                Reserve(1)[0] = (int)reader.ReadVarint();
                break;
            default:
                throw new FormatException($"{Type} values with wire type {wireType} before payload byte {reader.Position}");
        }
    }

    private void AppendFloats(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
            throw new FormatException($"packed float values of {bytes.Length} bytes, not a multiple of 4");
        var destination = Reserve(bytes.Length / sizeof(float));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
        }
        else
        {
            for (var i = 0; i < destination.Length; i++)
                destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }
    }

    private void AppendDoubles(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(double) != 0)
            throw new FormatException($"packed double values of {bytes.Length} bytes, not a multiple of 8");
        var destination = Reserve(bytes.Length / sizeof(double));
        for (var i = 0; i < destination.Length; i++)
            destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * sizeof(double))..]);
    }

    private Span<float> Reserve(int count)
    {
        var needed = ValueCount + count;
        if (_values.Length < needed)
            Array.Resize(ref _values, Math.Max(needed, _values.Length * 2));
        var span = _values.AsSpan(ValueCount, count);
        ValueCount = needed;
        return span;
    }

    private static int ReadUInt64s(ref ProtobufReader reader, WireType wireType, ref ulong[] target, int count, string name)
    {
        switch (wireType)
        {
            case WireType.LengthDelimited:
                var packed = new ProtobufReader(reader.ReadLengthDelimited());
                while (!packed.End)
                    Append(ref target, ref count, packed.ReadVarint());
                return count;
            case WireType.Varint:
                Append(ref target, ref count, reader.ReadVarint());
                return count;
            default:
                throw new FormatException($"tensor {name} with wire type {wireType} before payload byte {reader.Position}");
        }
    }

    private static void Append(ref ulong[] target, ref int count, ulong value)
    {
        if (count == target.Length)
            Array.Resize(ref target, target.Length * 2);
        target[count++] = value;
    }
}
