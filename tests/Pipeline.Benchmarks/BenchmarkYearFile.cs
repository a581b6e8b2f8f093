using System.Diagnostics;
using Pipeline.Data.Gdelt;

namespace Pipeline.Benchmarks;

/// <summary>One generated GDELT year file of at least a given size, and how fast it was written.</summary>
internal sealed record BenchmarkYearFile(string Path, int Year, long Rows, long Bytes, double GenerationSeconds)
{
    private const int SampleRows = 50_000;

    public static BenchmarkYearFile Generate(string folder, int year, int seed, long minimumBytes)
    {
        var generator = new GdeltGenerator(seed);
        // Rows for the size from a sample's bytes per row, with a little to spare; the file must not come out short.
        var bytesPerRow = (double)generator.WriteYear(Stream.Null, year, SampleRows) / SampleRows;
        var rows = (long)Math.Ceiling(minimumBytes / bytesPerRow * 1.002);
        var path = System.IO.Path.Combine(folder, $"{year}.csv");
        while (true)
        {
            var clock = Stopwatch.StartNew();
            long bytes;
            double seconds;
            // The generator hands over 1 MB blocks: no FileStream buffer needed.
            using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                bytes = generator.WriteYear(output, year, rows);
                seconds = clock.Elapsed.TotalSeconds;
                // On disk before anything is timed (not part of the generator's figure): otherwise the kernel writes the
                // file back during the runs, and an object's fsync waits behind a gigabyte (a train object took 1.25 s
                // instead of 0.18 s).
                output.Flush(flushToDisk: true);
            }

            if (bytes >= minimumBytes)
                return new BenchmarkYearFile(path, year, rows, bytes, seconds);
            rows = (long)Math.Ceiling(rows * (double)minimumBytes / bytes * 1.002);
        }
    }

    /// <summary>The first <paramref name="maximumBytes"/> of the file or less, cut after the last whole line, written to <paramref name="path"/>.</summary>
    public BenchmarkYearFile Prefix(string path, long maximumBytes)
    {
        if (maximumBytes >= Bytes)
            return this;
        using var input = File.OpenRead(Path);
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        var buffer = new byte[1 << 20];
        long copied = 0, lastLineEnd = 0, rows = 0;
        while (copied < maximumBytes)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, maximumBytes - copied));
            if (read == 0)
                break;
            var chunk = buffer.AsSpan(0, read);
            var lastNewLine = chunk.LastIndexOf((byte)'\n');
            if (lastNewLine >= 0)
                lastLineEnd = copied + lastNewLine + 1;
            rows += chunk.Count((byte)'\n');
            output.Write(chunk);
            copied += read;
        }

        output.SetLength(lastLineEnd);
        return this with { Path = path, Rows = rows, Bytes = lastLineEnd, GenerationSeconds = 0 };
    }
}
