using System.Buffers.Binary;

namespace Pipeline.Data.RecordIO;

internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Protocol buffers wire-format reading over a span: tags, varints, fixed values, length-delimited fields, and
/// skipping of any field (groups included). Malformed input throws <see cref="FormatException"/> with the position
/// in the span; the record decoder turns it into an error that names the record's offset.
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public readonly bool End => Position >= _data.Length;

    public bool TryReadTag(out int field, out WireType wireType)
    {
        if (End)
        {
            field = 0;
            wireType = default;
            return false;
        }

        var at = Position;
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (WireType)(tag & 7);
        if (field == 0 || tag >> 3 > int.MaxValue || wireType > WireType.Fixed32)
            throw new FormatException($"invalid tag {tag} at payload byte {at}");
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (Position >= _data.Length)
                throw new FormatException($"varint truncated at payload byte {Position}");
            var b = _data[Position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return result;
        }

        throw new FormatException($"varint longer than 10 bytes before payload byte {Position}");
    }

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(sizeof(uint)));

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(sizeof(ulong)));

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var at = Position;
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - Position))
            throw new FormatException($"field at payload byte {at} declares {length} bytes, {_data.Length - Position} remain");
        return Take((int)length);
    }

    public void Skip(int field, WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(sizeof(ulong));
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.Fixed32:
                Take(sizeof(uint));
                break;
            case WireType.StartGroup:
                SkipGroup(field);
                break;
            default:
                throw new FormatException($"unexpected end-group tag for field {field} before payload byte {Position}");
        }
    }

    private void SkipGroup(int group)
    {
        while (TryReadTag(out var field, out var wireType))
        {
            if (wireType == WireType.EndGroup)
            {
                if (field != group)
                    throw new FormatException($"group {group} closed by end-group tag {field} before payload byte {Position}");
                return;
            }

            Skip(field, wireType);
        }

        throw new FormatException($"group {group} not closed before the end of the payload");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - Position)
            throw new FormatException($"{count} bytes needed at payload byte {Position}, {_data.Length - Position} remain");
        var slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }
}
