using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// The text of a zip entry, checked when it ends: its data must not stop early, and its CRC-32 and size must be those of
/// the local header or, when the sizes follow the data, of the data descriptor. Otherwise the archive is refused with its
/// name (an <see cref="InvalidDataException"/>) rather than read in part.
/// </summary>
internal sealed class ZipEntryText : ReadOnlyForwardStream
{
    private readonly string _name;
    private readonly Stream _data;
    private readonly Expected? _expected;
    private readonly Crc32 _crc = new();
    private long _storedLeft;
    private long _length;
    private bool _ended;

    public ZipEntryText(DeflateFeed feed, string name, bool deflated, long compressedSize, Expected? expected) : base(feed)
    {
        _name = name;
        _expected = expected;
        feed.BeginInflating();
        _data = deflated ? new DeflateStream(feed, CompressionMode.Decompress, leaveOpen: true) : feed;
        _storedLeft = deflated ? -1 : compressedSize;
    }

    private DeflateFeed Feed => (DeflateFeed)Inner;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _ended)
            return 0;
        int read;
        try
        {
            read = _data.Read(_storedLeft >= 0 ? buffer[..(int)Math.Min(buffer.Length, _storedLeft)] : buffer);
        }
        catch (InvalidDataException e)
        {
            throw CompressedFileError.Refused(_name, $"its first zip entry's data is corrupt: not valid deflate near byte {Feed.Consumed:N0}", e);
        }

        if (read > 0)
        {
            _crc.Append(buffer[..read]);
            _length += read;
            if (_storedLeft > 0)
                _storedLeft -= read;
            return read;
        }

        if (Feed.RanDryWhileInflating && _storedLeft != 0)
            throw CompressedFileError.Refused(_name, $"it is truncated: the archive stops after {Feed.Consumed:N0} bytes, "
                + $"inside its first entry ({_length:N0} bytes of text read)");
        _ended = true;
        Check(_crc.GetCurrentHashAsUInt32());
        return 0;
    }

    private void Check(uint crc)
    {
        if (_expected is { } expected)
        {
            if (crc != expected.Crc || _length != expected.Size)
                throw CompressedFileError.Refused(_name, $"its first zip entry does not match its header's CRC-32 and size "
                    + $"({_length:N0} bytes of text, {expected.Size:N0} expected): it is corrupt");
            return;
        }

        // The sizes follow the data in a descriptor ([signature] CRC-32, compressed size, size; sizes of 4 or 8 bytes),
        // which starts in or just after the inflater's last read.
        var putBack = Feed.PutBackLastRead();
        var tail = Feed.Peek(putBack + 24);
        for (var at = 0; at + 12 <= tail.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[at..]) != crc)
                continue;
            var sizes = tail[(at + 4)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(sizes[4..]) == unchecked((uint)_length)
                || (sizes.Length >= 16 && BinaryPrimitives.ReadInt64LittleEndian(sizes[8..]) == _length))
                return;
        }

        throw CompressedFileError.Refused(_name, "its first zip entry's data descriptor is missing or does not match its data "
            + $"(CRC-32 {crc:x8} over {_length:N0} bytes of text): the archive is truncated or corrupt");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !ReferenceEquals(_data, Inner))
            _data.Dispose();
        base.Dispose(disposing);
    }

    internal readonly record struct Expected(uint Crc, long Size);
}
