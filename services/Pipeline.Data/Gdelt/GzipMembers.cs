using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// The text of a gzip file, checked as gzip -t checks it: every member (concatenated members are valid gzip, as bgzip
/// and <c>cat a.gz b.gz</c> make) has a well-formed header, deflate data that ends, and a trailer whose CRC-32 and
/// length (ISIZE) match the text it gave. A file that stops early or fails a check is refused with its name (an
/// <see cref="InvalidDataException"/>), never read in part. Headers are parsed here and the deflate data inflated by
/// <see cref="DeflateStream"/>; the CRC-32 is System.IO.Hashing's (vectorised).
/// </summary>
internal sealed class GzipMembers(Stream raw, string name) : ReadOnlyForwardStream(new DeflateFeed(raw))
{
    private const int HeaderBytes = 10;
    private const int TrailerBytes = 8;
    private const byte HeaderCrcFlag = 2, ExtraFlag = 4, NameFlag = 8, CommentFlag = 16;

    private readonly Crc32 _crc = new();
    private DeflateStream? _member;
    private long _memberLength;
    private long _textBytes;
    private int _members;
    private bool _ended;

    private DeflateFeed Feed => (DeflateFeed)Inner;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _ended)
            return 0;
        while (true)
        {
            if (_member is null && !StartMember())
            {
                _ended = true;
                return 0;
            }

            int read;
            try
            {
                read = _member!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw CompressedFileError.Refused(name, $"its gzip data is corrupt: not valid deflate near byte {Feed.Consumed:N0}", e);
            }

            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _memberLength += read;
                _textBytes += read;
                return read;
            }

            if (Feed.RanDryWhileInflating)
                throw CompressedFileError.Refused(name, $"it is truncated: its gzip data stops after {Feed.Consumed:N0} bytes, "
                    + $"before the end of its compressed stream ({_textBytes:N0} bytes of text read)");
            EndMember();
        }
    }

    /// <summary>Parses the next member's header; false at a clean end of the file (after at least one member).</summary>
    private bool StartMember()
    {
        var header = Feed.Peek(HeaderBytes);
        if (header.IsEmpty && _members > 0)
            return false;
        if (header.Length < 2 || header[0] != 0x1f || header[1] != 0x8b)
            throw CompressedFileError.Refused(name, _members == 0
                ? "it is not gzip"
                : $"after its gzip member {_members} come bytes that are not gzip (near byte {Feed.Consumed:N0})");
        if (header.Length < HeaderBytes)
            throw CompressedFileError.Refused(name, "it is truncated inside a gzip header");
        if (header[2] != 8)
            throw CompressedFileError.Refused(name, $"its gzip member {_members + 1} uses compression method {header[2]}, not deflate (8)");
        var flags = header[3];
        if ((flags & 0xE0) != 0)
            throw CompressedFileError.Refused(name, $"its gzip member {_members + 1} has reserved header flags set (corrupt)");

        var at = HeaderBytes;
        if ((flags & ExtraFlag) != 0)
        {
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(Need(at + 2)[at..]);
            at += 2 + extraLength;
        }

        if ((flags & NameFlag) != 0)
            at = AfterZero(at);
        if ((flags & CommentFlag) != 0)
            at = AfterZero(at);
        if ((flags & HeaderCrcFlag) != 0)
        {
            var bytes = Need(at + 2);
            if (BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) != (ushort)Crc32.HashToUInt32(bytes[..at]))
                throw CompressedFileError.Refused(name, $"gzip member {_members + 1}'s header does not match its CRC-16: it is corrupt");
            at += 2;
        }

        Need(at);
        Feed.Skip(at);

        Feed.BeginInflating();
        _member = new DeflateStream(Feed, CompressionMode.Decompress, leaveOpen: true);
        _crc.Reset();
        _memberLength = 0;
        return true;
    }

    /// <summary>Checks the trailer after a member's deflate data: it lies in or just after the inflater's last read.</summary>
    private void EndMember()
    {
        _member!.Dispose();
        _member = null;
        _members++;
        var crc = _crc.GetCurrentHashAsUInt32();
        var length = unchecked((uint)_memberLength);
        var putBack = Feed.PutBackLastRead();
        var tail = Feed.Peek(putBack + TrailerBytes);
        // The deflate data ends at an unknown place of the put-back bytes; the trailer follows it. A chance match of
        // all 64 bits inside the compressed bytes before it is as likely as a CRC collision.
        for (var at = 0; at + TrailerBytes <= tail.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[at..]) == crc && BinaryPrimitives.ReadUInt32LittleEndian(tail[(at + 4)..]) == length)
            {
                Feed.Skip(at + TrailerBytes);
                return;
            }
        }

        throw CompressedFileError.Refused(name, $"gzip member {_members}'s trailer is missing or does not match its data "
            + $"(CRC-32 {crc:x8} over {_memberLength:N0} bytes of text): the file is truncated or corrupt");
    }

    private ReadOnlySpan<byte> Need(int count)
    {
        var bytes = Feed.Peek(count);
        return bytes.Length == count ? bytes : throw CompressedFileError.Refused(name, "it is truncated inside a gzip header");
    }

    /// <summary>Just past the zero that ends a header string starting at <paramref name="from"/>.</summary>
    private int AfterZero(int from)
    {
        for (var look = from + 256; ; look *= 2)
        {
            var bytes = Feed.Peek(look);
            var zero = bytes[Math.Min(from, bytes.Length)..].IndexOf((byte)0);
            if (zero >= 0)
                return from + zero + 1;
            if (bytes.Length < look)
                throw CompressedFileError.Refused(name, "it is truncated inside a gzip header");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _member?.Dispose();
        base.Dispose(disposing);
    }
}
