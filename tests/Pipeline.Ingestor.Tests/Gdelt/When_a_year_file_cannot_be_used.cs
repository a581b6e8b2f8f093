using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Contracts;
using Pipeline.Data.Gdelt;
using Pipeline.Data.RecordIO;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Storage.Local;

namespace Pipeline.Ingestor.Tests.Gdelt;

public sealed class When_a_year_file_cannot_be_used : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ingestor-tests-{Guid.NewGuid():N}");
    private readonly string _folder;

    public When_a_year_file_cannot_be_used()
    {
        _folder = Path.Combine(_root, "gdelt");
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<IngestedDataset> Build(int[] trainingYears, int testYear = 1984)
    {
        var store = new LocalFolderObjectStore(Path.Combine(_root, "objects"));
        var builder = new GdeltDatasetBuilder(store, new GdeltYearSources(store), NullLogger<GdeltDatasetBuilder>.Instance);
        return builder.BuildAsync(new IngestDataset
        {
            ExperimentId = Guid.NewGuid(),
            Source = new DataSourceSpec { Kind = DataSourceKind.Local, Location = _folder, TrainingYears = trainingYears, TestYear = testYear },
            Bucket = "pipeline-tests",
            Prefix = "bad-input",
        }, null, CancellationToken.None);
    }

    private byte[] Year(int year, int rows = 20_000)
    {
        using var bytes = new MemoryStream();
        new GdeltGenerator(seed: 5).WriteYear(bytes, year, rows);
        return bytes.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(content);
        return bytes.ToArray();
    }

    [Fact]
    public async Task A_truncated_gzip_year_is_refused_by_name_not_read_in_part()
    {
        var gzip = Gzip(Year(1979));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "1979.csv.gz"), gzip[..(gzip.Length / 2)]); // gzip -c | head -c
        await File.WriteAllBytesAsync(Path.Combine(_folder, "1980.csv"), Year(1980));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "1984.csv"), Year(1984));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Build([1979, 1980]));

        Assert.Contains("1979.csv.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(IngestionErrors.IsFinal(error));
    }

    [Fact]
    public async Task A_binary_file_is_said_not_to_be_gdelt_text_with_what_was_read()
    {
        var garbage = new byte[300_000];
        new Random(3).NextBytes(garbage);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "1979.csv"), garbage);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "1984.csv"), Year(1984));

        var error = await Assert.ThrowsAsync<DatasetInputException>(() => Build([1979]));

        Assert.Contains("1979.csv is not GDELT 1.0 event text", error.Message, StringComparison.Ordinal);
        Assert.Contains("lines read, 0 well-formed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("distinct event codes", error.Message, StringComparison.Ordinal);
        Assert.True(IngestionErrors.IsFinal(error));
    }

    [Fact]
    public async Task A_test_year_in_another_format_is_refused_too()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "1979.csv"), Year(1979));
        var commas = System.Text.Encoding.UTF8.GetString(Year(1984, rows: 500)).Replace('\t', ',');
        await File.WriteAllTextAsync(Path.Combine(_folder, "1984.csv"), commas);

        var error = await Assert.ThrowsAsync<DatasetInputException>(() => Build([1979]));

        Assert.Contains("1984.csv is not GDELT 1.0 event text", error.Message, StringComparison.Ordinal);
        Assert.Contains("500 malformed: 500 wrong column count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_that_overflow_float32_are_dropped_and_counted_as_malformed_with_their_lines()
    {
        var lines = System.Text.Encoding.UTF8.GetString(Year(1979)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string WithField(string line, int column, string value)
        {
            var fields = line.Split('\t');
            fields[column] = value;
            return string.Join('\t', fields);
        }

        lines[9] = WithField(lines[9], GdeltColumns.Actor1GeoLat, "1e300");       // line 10
        lines[19] = WithField(lines[19], GdeltColumns.NumArticles, "1e300");      // line 20
        lines[29] = WithField(lines[29], GdeltColumns.Actor2GeoLong, "-4e38");    // line 30
        await File.WriteAllLinesAsync(Path.Combine(_folder, "1979.csv"), lines);
        await File.WriteAllLinesAsync(Path.Combine(_folder, "1984.csv"), lines);

        var dataset = await Build([1979]);

        const string reason = "malformed: " + GdeltMalformedReason.NotFiniteAsFloat32;
        Assert.Equal(2 * 3, dataset.Counts!.Dropped[reason]);
        Assert.Equal(["1979.csv line 10", "1979.csv line 20", "1979.csv line 30"],
            dataset.Counts.MalformedExamples[GdeltMalformedReason.NotFiniteAsFloat32].Take(3).Select(Path.GetFileName));
        var store = new LocalFolderObjectStore(Path.Combine(_root, "objects"));
        foreach (var uri in new[] { $"{dataset.TrainPrefix}1979.data", $"{dataset.ValidationPrefix}1979.data", dataset.TestObject })
        {
            await using var stream = await store.OpenReadAsync(uri, CancellationToken.None);
            Assert.All(DenseDataset.ReadRows(stream), row => Assert.All(row.Features, f => Assert.True(float.IsFinite(f), $"{uri}: feature {f}")));
        }
    }
}
