using Pipeline.Data.Gdelt;
using Pipeline.Data.Transform;

namespace Pipeline.Data.Tests.Transform;

/// <summary>
/// While the first year's vocabulary is counted, its rows with valid coordinates wait on disk, so memory holds the
/// kept rows and a fixed buffer, not every candidate; the file is gone afterwards, whether the year was read or not.
/// </summary>
public sealed class When_the_first_year_waits_for_its_vocabulary : IDisposable
{
    private readonly string _spillFolder = Directory.CreateTempSubdirectory("pipeline-spill-test-").FullName;

    [Fact]
    public void The_candidates_wait_in_a_file_that_is_gone_afterwards()
    {
        var file = GeneratedYear(rows: 100_000);
        long largestFileSeen = 0;
        var stream = new WatchedStream(file, () => largestFileSeen = Math.Max(largestFileSeen, SpillFileBytes()));

        YearTransform year;
        using (var reader = new GdeltReader(stream, "test"))
            year = YearTransform.ApplyChoosingVocabulary(reader, spillFolder: _spillFolder);

        Assert.True(year.SpilledBytes >= (long)year.Kept.Count * CandidateBytes, $"{year.SpilledBytes} bytes set aside");
        Assert.True(largestFileSeen > 0, "no file in the spill folder while the year was read");
        Assert.True(largestFileSeen <= year.SpilledBytes);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillFolder));
    }

    [Fact]
    public void A_read_that_fails_leaves_no_file_behind()
    {
        var file = GeneratedYear(rows: 100_000);
        var stream = new WatchedStream(file, () =>
        {
            if (SpillFileBytes() > 0)
                throw new IOException("the connection dropped");
        });

        using var reader = new GdeltReader(stream, "test");
        var failure = Assert.Throws<IOException>(() => YearTransform.ApplyChoosingVocabulary(reader, spillFolder: _spillFolder));

        Assert.Equal("the connection dropped", failure.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spillFolder));
    }

    [Fact]
    public void Memory_grows_with_the_kept_rows_not_with_the_rows_set_aside()
    {
        // A vocabulary of one code keeps few rows, so nearly every candidate is dropped once the vocabulary is known:
        // held in memory, the candidates alone would have cost over twice the bound below.
        var path = Path.Combine(_spillFolder, "1980.csv");
        using (var output = File.Create(path))
            new GdeltGenerator(seed: 3).WriteYear(output, 1980, rows: 1_000_000);
        using var reader = new GdeltReader(File.OpenRead(path), "test");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var year = YearTransform.ApplyChoosingVocabulary(reader, vocabularySize: 1, spillFolder: _spillFolder);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        const int BlockRows = 65_536; // KeptRows grows a block at a time
        var keptBlocks = (year.Kept.Count + BlockRows - 1) / BlockRows;
        var bound = (long)keptBlocks * BlockRows * KeptRows.BytesPerRow + FixedBuffers;
        Assert.True(year.SpilledBytes > 2 * bound, $"the test needs more rows set aside ({year.SpilledBytes:N0} bytes; {year.Kept.Count:N0} kept) than twice its bound ({bound:N0})");
        Assert.True(allocated <= bound, $"allocated {allocated:N0} bytes for {year.Kept.Count:N0} kept rows; bound {bound:N0}");
    }

    /// <summary>A candidate on disk: the label and five numbers as float32, and an int for its event code.</summary>
    private const int CandidateBytes = 6 * sizeof(float) + sizeof(int);

    /// <summary>The reader's buffer (1 MB), the spill buffer (under 1 MB), the code tallies and small change.</summary>
    private const long FixedBuffers = 3 << 20;

    private long SpillFileBytes() =>
        new DirectoryInfo(_spillFolder).EnumerateFiles("*.tmp").Sum(f => f.Length);

    private static byte[] GeneratedYear(int rows)
    {
        using var content = new MemoryStream();
        new GdeltGenerator(seed: 3).WriteYear(content, 1980, rows);
        return content.ToArray();
    }

    public void Dispose() => Directory.Delete(_spillFolder, recursive: true);

    /// <summary>A file in memory that calls back before every read after the first few, so a test can look at the spill folder mid-year.</summary>
    private sealed class WatchedStream(byte[] content, Action beforeRead) : MemoryStream(content, writable: false)
    {
        private int _reads;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (++_reads > 2)
                beforeRead();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            if (++_reads > 2)
                beforeRead();
            return base.Read(buffer);
        }
    }
}
