using System.Buffers;
using System.Buffers.Binary;

namespace Pipeline.Data.RecordIO;

/// <summary>
/// Reads RecordIO frames from a stream and yields whole payloads: a flag-0 record as it is, a multi-part record
/// (flags 1, 2..., 3) joined with the magic put back between its parts, as dmlc's <c>RecordIOReader</c> does.
/// Bad magic, an unknown flag, parts out of order or a stream that ends inside a record throw
/// <see cref="InvalidDataException"/> naming the byte offset.
/// </summary>
internal sealed class RecordIoFrameReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>Stream offset of <c>_buffer[_start]</c>.</summary>
    private long _offset;

    private byte[] _joined = [];
    private int _joinedLength;

    public RecordIoFrameReader(Stream stream, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The next payload, valid until the next call; <paramref name="recordOffset"/> is where its first header starts.</summary>
    public bool TryRead(out ReadOnlySpan<byte> payload, out long recordOffset)
    {
        payload = default;
        recordOffset = _offset;
        var joining = false;
        while (true)
        {
            var headerOffset = _offset;
            if (!Fill(RecordIoFraming.HeaderSize))
            {
                if (_end == _start && !joining)
                    return false;
                throw joining
                    ? new InvalidDataException($"The stream ends at byte offset {headerOffset} inside the multi-part record that starts at byte offset {recordOffset}.")
                    : new InvalidDataException($"The stream ends at byte offset {headerOffset + (_end - _start)} inside the header of the record at byte offset {headerOffset}.");
            }

            var header = _buffer.AsSpan(_start, RecordIoFraming.HeaderSize);
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (magic != RecordIoFraming.Magic)
                throw new InvalidDataException(
                    $"Not a RecordIO record at byte offset {headerOffset}: magic 0x{magic:X8}, expected 0x{RecordIoFraming.Magic:X8}.");
            var lengthWord = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            var part = RecordIoFraming.DecodePart(lengthWord);
            var length = RecordIoFraming.DecodeLength(lengthWord);
            var padded = RecordIoFraming.PaddedLength(length);

            if (part > RecordIoPart.Last)
                throw new InvalidDataException($"The record at byte offset {headerOffset} has continuation flag {(int)part}; only 0-3 exist.");
            if (joining != (part is RecordIoPart.Middle or RecordIoPart.Last))
                throw new InvalidDataException(joining
                    ? $"The record at byte offset {headerOffset} is a {part} record, but the multi-part record that starts at byte offset {recordOffset} has not ended."
                    : $"The record at byte offset {headerOffset} is a {part} part without a first part before it.");

            if (!Fill(RecordIoFraming.HeaderSize + padded))
                throw new InvalidDataException(
                    $"The stream ends at byte offset {_offset + (_end - _start)} inside the record at byte offset {headerOffset}, " +
                    $"which declares {length:N0} payload bytes ({padded:N0} with padding).");

            var body = _buffer.AsSpan(_start + RecordIoFraming.HeaderSize, length);
            Consume(RecordIoFraming.HeaderSize + padded);
            switch (part)
            {
                case RecordIoPart.Whole:
                    payload = body;
                    return true;
                case RecordIoPart.First:
                    joining = true;
                    _joinedLength = 0;
                    Join(body, withMagic: true);
                    break;
                case RecordIoPart.Middle:
                    Join(body, withMagic: true);
                    break;
                default:
                    Join(body, withMagic: false);
                    payload = _joined.AsSpan(0, _joinedLength);
                    return true;
            }
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (_joined.Length > 0)
            ArrayPool<byte>.Shared.Return(_joined);
        _joined = [];
        if (!_leaveOpen)
            _stream.Dispose();
    }

    /// <summary>Makes <paramref name="count"/> bytes available from <c>_start</c>; false when the stream ends first.</summary>
    private bool Fill(int count)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        while (_end - _start < count)
        {
            if (_endOfStream)
                return false;
            if (_buffer.Length - _start < count)
                MakeRoom(count);
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
                _endOfStream = true;
            _end += read;
        }

        return true;
    }

    private void MakeRoom(int count)
    {
        var available = _end - _start;
        if (_buffer.Length < count)
        {
            var larger = ArrayPool<byte>.Shared.Rent(count);
            _buffer.AsSpan(_start, available).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(_start, available).CopyTo(_buffer);
        }

        _start = 0;
        _end = available;
    }

    private void Consume(int count)
    {
        _start += count;
        _offset += count;
    }

    private void Join(ReadOnlySpan<byte> part, bool withMagic)
    {
        var needed = (long)_joinedLength + part.Length + (withMagic ? sizeof(uint) : 0);
        if (needed > Array.MaxLength)
            throw new InvalidDataException("A multi-part record is larger than an array can hold.");
        if (_joined.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Max(needed, Math.Min(Array.MaxLength, _joined.Length * 2L)));
            _joined.AsSpan(0, _joinedLength).CopyTo(larger);
            if (_joined.Length > 0)
                ArrayPool<byte>.Shared.Return(_joined);
            _joined = larger;
        }

        part.CopyTo(_joined.AsSpan(_joinedLength));
        _joinedLength += part.Length;
        if (withMagic)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_joined.AsSpan(_joinedLength), RecordIoFraming.Magic);
            _joinedLength += sizeof(uint);
        }
    }
}
