using System.IO.Compression;
using Pipeline.Data.Gdelt;
using Pipeline.Data.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Data.Tests.Gdelt;

public sealed class When_reading_compressed_files
{
    private static readonly byte[] Sample = File.ReadAllBytes(SharedData.GdeltSample);
    private static readonly List<GdeltEvent> Expected = GdeltRows.ReadAll(Sample, out _);

    [Fact]
    public void Reads_gzip_by_its_content_whatever_the_name()
    {
        var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
            compressor.Write(Sample);

        Assert.Equal(Expected, Read(GdeltFiles.OpenText(new MemoryStream(gzip.ToArray()), "1982.csv")));
    }

    [Theory]
    [InlineData(CompressionLevel.Optimal, true)]
    [InlineData(CompressionLevel.Optimal, false)]
    [InlineData(CompressionLevel.NoCompression, true)]
    public void Reads_the_first_entry_of_a_zip_seekable_or_not(CompressionLevel level, bool seekable)
    {
        var zip = Zip(level, ("1982.export.CSV", Sample), ("second.csv", GdeltRows.Utf8(GdeltRows.Line() + "\n")));

        Stream raw = seekable ? new MemoryStream(zip) : new TrickleStream(zip);
        Assert.Equal(Expected, Read(GdeltFiles.OpenText(raw, "1982.zip")));
    }

    [Fact]
    public void Reads_plain_text_as_is_from_a_non_seekable_stream()
    {
        Assert.Equal(Expected, Read(GdeltFiles.OpenText(new TrickleStream(Sample), "1982.csv")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_every_member_of_a_multi_member_gzip(bool seekable)
    {
        var half = Array.LastIndexOf(Sample, (byte)'\n', Sample.Length / 2) + 1;
        byte[] gzip = [.. Gzip(Sample[..half]), .. GzipWithName(Sample[half..], "second.csv"), .. Gzip([])];

        Stream raw = seekable ? new MemoryStream(gzip) : new TrickleStream(gzip);
        Assert.Equal(Expected, Read(GdeltFiles.OpenText(raw, "1982.csv.gz")));
    }

    public static TheoryData<int> GzipCuts => [320, 1000, 4, 8, 10, 1];

    /// <summary><c>gzip -c 1979.csv | head -c N</c>: cut inside the data, inside the trailer, or just after the header.</summary>
    [Theory]
    [MemberData(nameof(GzipCuts))]
    public void Refuses_a_truncated_gzip_naming_the_file(int bytesCutOff)
    {
        var gzip = Gzip(Sample);
        var cut = gzip[..^bytesCutOff];

        foreach (var raw in new Stream[] { new MemoryStream(cut), new TrickleStream(cut) })
        {
            var error = Assert.Throws<InvalidDataException>(() => Read(GdeltFiles.OpenText(raw, "1979.csv.gz")));
            Assert.Contains("1979.csv.gz", error.Message, StringComparison.Ordinal);
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refuses_a_gzip_cut_after_its_first_member()
    {
        byte[] gzip = [.. Gzip(Sample[..1000]), .. Gzip(Sample[1000..])[..^40]];

        var error = Assert.Throws<InvalidDataException>(() => Read(GdeltFiles.OpenText(new MemoryStream(gzip), "1979.csv.gz")));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-6, "does not match")]  // a byte of the CRC-32
    [InlineData(-2, "does not match")]  // a byte of ISIZE
    [InlineData(3, "reserved header flags")]
    [InlineData(2, "compression method")]
    [InlineData(-1, "does not match")]  // the last byte of ISIZE
    public void Refuses_a_gzip_whose_header_or_trailer_is_wrong_naming_the_file(int at, string reason)
    {
        var gzip = Gzip(Sample);
        gzip[at < 0 ? gzip.Length + at : at] ^= 0xE4;

        var error = Assert.Throws<InvalidDataException>(() => Read(GdeltFiles.OpenText(new MemoryStream(gzip), "1979.csv.gz")));
        Assert.Contains("1979.csv.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_gzip_member_whose_header_does_not_match_its_crc()
    {
        var gzip = GzipWithName(Sample, "1979.csv");
        gzip[12] ^= 0x01; // a byte of the extra field, which the header CRC-16 covers

        var error = Assert.Throws<InvalidDataException>(() => Read(GdeltFiles.OpenText(new MemoryStream(gzip), "1979.csv.gz")));
        Assert.Contains("CRC-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_gzip_with_corrupt_data_naming_the_file()
    {
        var gzip = Gzip(Sample);
        for (var i = 40; i < 60; i++)
            gzip[i] ^= 0x5A;

        var error = Assert.Throws<InvalidDataException>(() => Read(GdeltFiles.OpenText(new MemoryStream(gzip), "1979.csv.gz")));
        Assert.Contains("1979.csv.gz", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CompressionLevel.Optimal, true, 100)]
    [InlineData(CompressionLevel.Optimal, false, 100)]
    [InlineData(CompressionLevel.NoCompression, true, 100)]
    [InlineData(CompressionLevel.Optimal, false, 10)]
    public void Refuses_a_truncated_zip_naming_the_file_at_once(CompressionLevel level, bool sizesInHeader, int keptPercent)
    {
        var zip = Zip(level, sizesInHeader, ("1979.CSV", Sample));
        var entryEnd = zip.AsSpan().IndexOf("PK\u0001\u0002"u8); // the central directory follows the entry
        var cut = zip[..(keptPercent == 100 ? entryEnd - (sizesInHeader ? 200 : 20) : entryEnd * keptPercent / 100)];

        var error = Assert.Throws<InvalidDataException>(() => Read(GdeltFiles.OpenText(new TrickleStream(cut), "1979.zip")));
        Assert.Contains("1979.zip", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_zip_whose_sizes_follow_the_data()
    {
        var zip = Zip(CompressionLevel.Optimal, sizesInHeader: false, ("1982.export.CSV", Sample));

        Assert.Equal(Expected, Read(GdeltFiles.OpenText(new TrickleStream(zip), "1982.zip")));
    }

    [Fact]
    public void Refuses_a_zip_whose_entry_does_not_match_its_crc()
    {
        var zip = Zip(CompressionLevel.Optimal, sizesInHeader: true, ("1979.CSV", Sample));
        zip[14] ^= 0x01; // the local header's CRC-32

        var error = Assert.Throws<InvalidDataException>(() => Read(GdeltFiles.OpenText(new MemoryStream(zip), "1979.zip")));
        Assert.Contains("1979.zip", error.Message, StringComparison.Ordinal);
        Assert.Contains("CRC-32", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Gzip(byte[] content)
    {
        var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true))
            compressor.Write(content);
        return gzip.ToArray();
    }

    /// <summary>A member whose header carries the optional file name, extra field and header CRC, as gzip(1) may write.</summary>
    private static byte[] GzipWithName(byte[] content, string name)
    {
        var plain = Gzip(content);
        byte[] header = [0x1f, 0x8b, 8, 4 | 8 | 2, 0, 0, 0, 0, 0, 3, 4, 0, (byte)'a', (byte)'b', 1, 2, .. GdeltRows.Utf8(name), 0];
        var headerCrc = (ushort)System.IO.Hashing.Crc32.HashToUInt32(header);
        return [.. header, (byte)headerCrc, (byte)(headerCrc >> 8), .. plain[10..]];
    }

    private static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries) => Zip(level, true, entries);

    /// <summary>A zip archive; written to a non-seekable stream, its sizes follow each entry's data in a data descriptor.</summary>
    private static byte[] Zip(CompressionLevel level, bool sizesInHeader, params (string Name, byte[] Content)[] entries)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(sizesInHeader ? zip : new WriteOnlyStream(zip), ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, level).Open();
                entry.Write(content);
            }

        return zip.ToArray();
    }

    private static List<GdeltEvent> Read(Stream text) => GdeltRows.ReadAll(text, out _);

    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
