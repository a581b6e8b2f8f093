using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// The first entry of a zip archive, streamed from its local file header (as GDELT serves <c>1979.zip</c>). Unlike
/// <see cref="ZipArchive"/>, which copies a non-seekable archive into memory to reach its central directory,
/// this reads front to back, so an archive larger than memory works from any stream (a file, an HTTP or S3 body).
/// The entry is checked as it ends (<see cref="ZipEntryText"/>): an archive cut short or corrupt is refused with its name.
/// </summary>
internal static class ZipFirstEntry
{
    private const int LocalHeaderBytes = 30;
    private const ushort Stored = 0;
    private const ushort Deflated = 8;
    private const ushort SizesInDataDescriptor = 1 << 3;
    private const ushort Encrypted = 1;

    public static Stream Open(Stream archive, string name)
    {
        var feed = new DeflateFeed(archive);
        try
        {
            var header = Need(feed, LocalHeaderBytes, name);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[14..]);
            long compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(header[22..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var extra = Need(feed, LocalHeaderBytes + nameLength + extraLength, name)[(LocalHeaderBytes + nameLength)..].ToArray();
            feed.Skip(LocalHeaderBytes + nameLength + extraLength);
            if ((flags & Encrypted) != 0)
                throw CompressedFileError.Refused(name, "its first zip entry is encrypted");

            var sizesKnown = (flags & SizesInDataDescriptor) == 0;
            if (sizesKnown && (compressedSize == uint.MaxValue || size == uint.MaxValue))
                (size, compressedSize) = Zip64Sizes(extra, name);
            var expected = sizesKnown ? new ZipEntryText.Expected(crc, size) : (ZipEntryText.Expected?)null;
            return method switch
            {
                Deflated => new ZipEntryText(feed, name, deflated: true, compressedSize, expected),
                Stored when sizesKnown => new ZipEntryText(feed, name, deflated: false, compressedSize, expected),
                _ => throw CompressedFileError.Refused(name,
                    $"its first zip entry uses compression method {method}; only deflate (8) and stored (0) entries can be read"),
            };
        }
        catch
        {
            feed.Dispose();
            throw;
        }
    }

    private static ReadOnlySpan<byte> Need(DeflateFeed feed, int count, string name)
    {
        var bytes = feed.Peek(count);
        return bytes.Length == count ? bytes : throw CompressedFileError.Refused(name, "it is truncated inside its first zip entry's header");
    }

    /// <summary>The zip64 extra field's sizes: the uncompressed size, then the compressed one.</summary>
    private static (long Size, long CompressedSize) Zip64Sizes(ReadOnlySpan<byte> extra, string name)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (id == 0x0001 && size >= 16 && extra.Length >= 20)
                return (checked((long)BinaryPrimitives.ReadUInt64LittleEndian(extra[4..])),
                    checked((long)BinaryPrimitives.ReadUInt64LittleEndian(extra[12..])));
            extra = extra[Math.Min(extra.Length, 4 + size)..];
        }

        throw CompressedFileError.Refused(name, "its first zip entry has no zip64 sizes");
    }
}
