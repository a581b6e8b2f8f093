using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Contracts;
using Pipeline.Data.Gdelt;
using Pipeline.Data.RecordIO;
using Pipeline.Data.Transform;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Storage;
using Pipeline.Storage.Local;
using Pipeline.Testing;

namespace Pipeline.Ingestor.Tests.Gdelt;

public sealed class When_building_a_dataset_from_gdelt_years : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ingestor-tests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private LocalFolderObjectStore Store() => new(Path.Combine(_root, "objects"));

    private static GdeltDatasetBuilder Builder(IObjectStore store) =>
        new(store, new GdeltYearSources(store), NullLogger<GdeltDatasetBuilder>.Instance);

    private static IngestDataset Generated(int rows) => new()
    {
        ExperimentId = Guid.NewGuid(),
        Source = new DataSourceSpec { Kind = DataSourceKind.Generated, RowsPerYear = rows },
        Bucket = "pipeline-tests",
        Prefix = "experiments/gdelt",
    };

    private static async Task<List<DenseRow>> ReadRows(IObjectStore store, string uri)
    {
        await using var stream = await store.OpenReadAsync(uri, CancellationToken.None);
        return DenseDataset.ReadRows(stream).ToList();
    }

    [Fact]
    public async Task Writes_one_train_and_one_validation_object_per_year_and_the_test_year_three_ways()
    {
        var store = Store();
        var dataset = await Builder(store).BuildAsync(Generated(4000), null, CancellationToken.None);

        var keys = await store.ListAsync("s3://pipeline-tests/experiments/gdelt/", CancellationToken.None).Select(o => o.Uri).ToListAsync();
        var expected = new[] { 1979, 1980, 1981, 1982, 1983 }
            .SelectMany(y => new[] { $"train/{y}.data", $"validation/{y}.data" })
            .Concat(["test/1984.data", "test/1984.csv", "test/1984.labels.csv"])
            .Select(k => $"s3://pipeline-tests/experiments/gdelt/{k}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Equal("s3://pipeline-tests/experiments/gdelt/train/", dataset.TrainPrefix);
        Assert.Equal("s3://pipeline-tests/experiments/gdelt/test/1984.data", dataset.TestObject);
        Assert.Equal(25, dataset.FeatureDim);
        Assert.Equal(20, dataset.Vocabulary.Count);
        Assert.All(dataset.Vocabulary, code => Assert.False(code.StartsWith('0'), $"{code} is not an integer as pandas reads it"));
        Assert.Equal(keys.Count, dataset.Objects.Count);
    }

    [Fact]
    public async Task Counts_account_for_every_row_and_match_the_objects()
    {
        var store = Store();
        var dataset = await Builder(store).BuildAsync(Generated(3000), null, CancellationToken.None);
        var counts = dataset.Counts!;

        Assert.Equal(6 * 3000, counts.RowsRead);
        Assert.Equal(counts.RowsRead, counts.RowsKept + counts.Dropped.Values.Sum());
        Assert.Equal(counts.RowsKept, counts.TrainRows + counts.ValidationRows + counts.TestRows);
        Assert.True(counts.Dropped["actor at (0, 0)"] > 0);
        Assert.True(counts.Dropped["missing coordinates"] > 0);

        long train = 0, validation = 0;
        foreach (var year in new[] { 1979, 1980, 1981, 1982, 1983 })
        {
            var trainRows = await ReadRows(store, $"{dataset.TrainPrefix}{year}.data");
            var validationRows = await ReadRows(store, $"{dataset.ValidationPrefix}{year}.data");
            Assert.Equal((int)(0.9 * (trainRows.Count + validationRows.Count)), trainRows.Count);
            Assert.All(trainRows, r => Assert.Equal(25, r.Features.Length));
            Assert.All(trainRows, r => Assert.Equal(1f, r.Features[5..].Sum()));
            train += trainRows.Count;
            validation += validationRows.Count;
        }

        Assert.Equal(counts.TrainRows, train);
        Assert.Equal(counts.ValidationRows, validation);
        var test = await ReadRows(store, dataset.TestObject);
        Assert.Equal(counts.TestRows, test.Count);

        await using var csv = await store.OpenReadAsync("s3://pipeline-tests/experiments/gdelt/test/1984.csv", CancellationToken.None);
        var lines = new StreamReader(csv).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(test.Count, lines.Length);
        Assert.All(lines, l => Assert.Equal(25, l.Split(',').Length));
    }

    [Fact]
    public async Task Building_twice_writes_the_same_bytes()
    {
        var first = Store();
        var second = new LocalFolderObjectStore(Path.Combine(_root, "again"));
        var request = Generated(2000);
        await Builder(first).BuildAsync(request, null, CancellationToken.None);
        await Builder(second).BuildAsync(request, null, CancellationToken.None);

        var objects = await first.ListAsync("s3://pipeline-tests/", CancellationToken.None).ToListAsync();
        Assert.NotEmpty(objects);
        foreach (var o in objects)
            Assert.Equal(await Hash(first, o.Uri), await Hash(second, o.Uri));
    }

    [Fact]
    public async Task Malformed_rows_are_counted_by_reason_with_where_they_are()
    {
        var folder = Path.Combine(_root, "gdelt");
        Directory.CreateDirectory(folder);
        var sample = await File.ReadAllLinesAsync(SharedData.GdeltSample);
        await File.WriteAllLinesAsync(Path.Combine(folder, "1979.csv"), sample);
        var broken = sample.ToList();
        broken[2] = "only\tthree\tcolumns";
        broken[4] = broken[4].Replace("\t", "\tX", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(folder, "1984.csv"), broken);
        var request = new IngestDataset
        {
            ExperimentId = Guid.NewGuid(),
            Source = new DataSourceSpec { Kind = DataSourceKind.Local, Location = folder, TrainingYears = [1979], TestYear = 1984 },
            Bucket = "pipeline-tests",
            Prefix = "sample",
        };

        var counts = (await Builder(Store()).BuildAsync(request, null, CancellationToken.None)).Counts!;

        Assert.Equal(2 * sample.Length, counts.RowsRead);
        var malformed = counts.Dropped.Where(d => d.Key.StartsWith("malformed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, malformed.Sum(m => m.Value));
        Assert.Contains(counts.MalformedExamples.Values.SelectMany(v => v), e => e.EndsWith("line 3", StringComparison.Ordinal));
        Assert.Contains(counts.MalformedExamples.Values.SelectMany(v => v), e => e.EndsWith("line 5", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("the real sample")]
    [InlineData("a generated year")]
    public async Task The_first_years_objects_and_counts_are_those_of_counting_its_codes_before_transforming(string content)
    {
        var folder = Path.Combine(_root, "gdelt");
        Directory.CreateDirectory(folder);
        var year = Path.Combine(folder, "1979.csv");
        if (content == "the real sample")
        {
            File.Copy(SharedData.GdeltSample, year);
        }
        else
        {
            await using var output = File.Create(year);
            new GdeltGenerator(seed: 11).WriteYear(output, 1979, rows: 30_000);
        }

        File.Copy(year, Path.Combine(folder, "1984.csv"));
        var request = new IngestDataset
        {
            ExperimentId = Guid.NewGuid(),
            Source = new DataSourceSpec { Kind = DataSourceKind.Local, Location = folder, TrainingYears = [1979], TestYear = 1984 },
            Bucket = "pipeline-tests",
            Prefix = "first-year",
        };
        var store = Store();

        var dataset = await Builder(store).BuildAsync(request, null, CancellationToken.None);

        // The two passes the builder used to make: count the codes, then transform with their vocabulary.
        var vocabulary = EventVocabulary.MostFrequent(ReadYear(year, YearTransform.CountCodes));
        var twoPasses = ReadYear(year, reader => YearTransform.Apply(reader, new GdeltTransform(vocabulary)));
        var split = NotebookSplit.Shuffle(twoPasses.Kept, request.Source.Seed);
        Assert.Equal(vocabulary.Codes.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), dataset.Vocabulary);
        Assert.Equal(RecordIo(twoPasses.Kept, split.Train), await Bytes(store, $"{dataset.TrainPrefix}1979.data"));
        Assert.Equal(RecordIo(twoPasses.Kept, split.Validation), await Bytes(store, $"{dataset.ValidationPrefix}1979.data"));
        // The test year is the same file, so every count is twice the first year's, reasons in the order first met.
        var counts = dataset.Counts!;
        Assert.Equal(2 * twoPasses.RowsRead, counts.RowsRead);
        Assert.Equal(2L * twoPasses.Kept.Count, counts.RowsKept);
        Assert.Equal(twoPasses.Dropped.Select(d => KeyValuePair.Create(d.Key, 2 * d.Value)), counts.Dropped.ToList());
        Assert.Equal(split.TrainCount, counts.TrainRows);
        Assert.Equal(split.ValidationCount, counts.ValidationRows);
    }

    private static T ReadYear<T>(string file, Func<GdeltReader, T> read)
    {
        using var reader = new GdeltReader(File.OpenRead(file), Path.GetFileName(file));
        return read(reader);
    }

    private static byte[] RecordIo(KeptRows rows, Range range)
    {
        using var bytes = new MemoryStream();
        using (var writer = new RecordIoWriter(bytes, leaveOpen: true))
            rows.WriteTo(writer, range);
        return bytes.ToArray();
    }

    private static async Task<byte[]> Bytes(IObjectStore store, string uri)
    {
        await using var stream = await store.OpenReadAsync(uri, CancellationToken.None);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    [Fact]
    public async Task A_missing_year_file_is_named()
    {
        var folder = Path.Combine(_root, "empty");
        Directory.CreateDirectory(folder);
        var request = new IngestDataset
        {
            ExperimentId = Guid.NewGuid(),
            Source = new DataSourceSpec { Kind = DataSourceKind.Local, Location = folder },
            Bucket = "pipeline-tests",
            Prefix = "none",
        };

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => Builder(Store()).BuildAsync(request, null, CancellationToken.None));
        Assert.Contains("1979", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> Hash(IObjectStore store, string uri)
    {
        await using var stream = await store.OpenReadAsync(uri, CancellationToken.None);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream));
    }
}
