using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// The first entry of a zip archive, streamed from its local file header (as GDELT serves <c>1979.zip</c>). Unlike
/// <see cref="ZipArchive"/>, which copies a non-seekable archive into memory to reach its central directory,
/// this reads front to back, so an archive larger than memory works from any stream (a file, an HTTP or S3 body).
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
        Span<byte> header = stackalloc byte[LocalHeaderBytes];
        archive.ReadExactly(header);
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        var method = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        long compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);

        var extra = new byte[nameLength + extraLength];
        archive.ReadExactly(extra);
        if ((flags & Encrypted) != 0)
            throw new InvalidDataException($"{name}: the first zip entry is encrypted.");

        switch (method)
        {
            case Deflated:
                // The deflate stream ends itself; the entry's size is not needed.
                return new DeflateStream(archive, CompressionMode.Decompress, leaveOpen: false);
            case Stored when (flags & SizesInDataDescriptor) == 0:
                if (compressedSize == uint.MaxValue)
                    compressedSize = Zip64CompressedSize(extra.AsSpan(nameLength), name);
                return new LengthLimitedStream(archive, compressedSize);
            default:
                throw new InvalidDataException($"{name}: the first zip entry uses compression method {method}; only deflate (8) and stored (0) entries can be read.");
        }
    }

    private static long Zip64CompressedSize(ReadOnlySpan<byte> extra, string name)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (id == 0x0001 && size >= 16)
                return checked((long)BinaryPrimitives.ReadUInt64LittleEndian(extra[12..]));
            extra = extra[Math.Min(extra.Length, 4 + size)..];
        }

        throw new InvalidDataException($"{name}: the first zip entry has no zip64 size.");
    }
}
