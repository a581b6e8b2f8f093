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

    [Fact]
    public void Counts_the_cut_off_last_line_of_a_truncated_gzip()
    {
        var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true))
            compressor.Write(Sample);
        var truncated = gzip.ToArray()[..(int)(gzip.Length * 3 / 4)];

        using var reader = new GdeltReader(GdeltFiles.OpenText(new MemoryStream(truncated), "cut.gz"), "cut.gz");
        var rows = 0;
        try
        {
            while (reader.TryRead(out _))
                rows++;
        }
        catch (InvalidDataException)
        {
            // A corrupt container may be reported by the decompressor; rows read before it are still whole.
        }

        Assert.InRange(rows, 1, 709);
        Assert.Equal(rows, reader.Report.RowsReturned);
    }

    private static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, level).Open();
                entry.Write(content);
            }

        return zip.ToArray();
    }

    private static List<GdeltEvent> Read(Stream text) => GdeltRows.ReadAll(text, out _);
}
