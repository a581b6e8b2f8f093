using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Contracts;
using Pipeline.Data.Sales;
using Pipeline.Ingestor.Datasets;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Ingestor.Sales;
using Pipeline.Storage;
using Pipeline.Storage.Local;

namespace Pipeline.Ingestor.Tests.Sales;

/// <summary>The XGBoost blog's layout: one CSV file per store-item series under train/ and validation/, the tails as the test set.</summary>
public sealed class When_generating_sales_data : IDisposable
{
    private static readonly SalesDataSpec Shape = new() { Stores = 2, Items = 3, Days = 120, ValidationDays = 14, TestDays = 7 };

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ingestor-sales-tests-{Guid.NewGuid():N}");
    private readonly LocalFolderObjectStore _store;
    private readonly PreparedDatasets _datasets;

    public When_generating_sales_data()
    {
        _store = new LocalFolderObjectStore(Path.Combine(_root, "objects"));
        var sources = new GdeltYearSources(_store, Path.Combine(_root, "temp"));
        var builder = new DatasetBuilderBySource(
            new GdeltDatasetBuilder(_store, sources, NullLogger<GdeltDatasetBuilder>.Instance),
            new SalesDatasetBuilder(_store, sources, NullLogger<SalesDatasetBuilder>.Instance));
        _datasets = new PreparedDatasets(builder, _store, NullLogger<PreparedDatasets>.Instance);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static IngestDataset Request(int seed = 1729) => new()
    {
        ExperimentId = Guid.NewGuid(),
        Source = new DataSourceSpec { Kind = DataSourceKind.GeneratedSales, Sales = Shape, Seed = seed },
        Bucket = "pipeline-tests",
        Prefix = "m5",
    };

    private Task<IngestedDataset> Prepare(IngestDataset request) => _datasets.BuildAsync(request, null, CancellationToken.None);

    private async Task<string[]> Lines(string uri)
    {
        await using var stream = await _store.OpenReadAsync(uri, CancellationToken.None);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The label and features of one CSV line, as floats.</summary>
    private static float[] Fields(string line) => line.Split(',').Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray();

    private static float[] Row(StoreItemSeries series, int day)
    {
        var row = new float[1 + SalesFeatures.Count];
        row[0] = series.Label(day);
        series.Features(day, row.AsSpan(1));
        return row;
    }

    [Fact]
    public async Task Every_series_gets_a_train_and_a_validation_file_with_its_days_in_order()
    {
        var dataset = await Prepare(Request());

        var all = SalesGenerator.Generate(new SalesShape(Shape.Stores, Shape.Items, Shape.Days, 1729)).ToList();
        var train = await _store.ListAsync(dataset.TrainPrefix, CancellationToken.None).Select(o => o.Uri).ToListAsync();
        var validation = await _store.ListAsync(dataset.ValidationPrefix, CancellationToken.None).Select(o => o.Uri).ToListAsync();
        Assert.Equal(all.Select(s => $"{dataset.TrainPrefix}{s.Name}.csv").Order(), train.Order());
        Assert.Equal(all.Select(s => $"{dataset.ValidationPrefix}{s.Name}.csv").Order(), validation.Order());

        foreach (var series in all)
        {
            var trainLines = await Lines($"{dataset.TrainPrefix}{series.Name}.csv");
            var validationLines = await Lines($"{dataset.ValidationPrefix}{series.Name}.csv");
            Assert.Equal(Shape.TrainDays, trainLines.Length);
            Assert.Equal(Shape.ValidationDays, validationLines.Length);
            Assert.Equal(Row(series, 0), Fields(trainLines[0]));
            Assert.Equal(Row(series, Shape.TrainDays - 1), Fields(trainLines[^1]));
            Assert.Equal(Row(series, Shape.TrainDays), Fields(validationLines[0]));
            Assert.Equal(Row(series, Shape.TrainDays + Shape.ValidationDays - 1), Fields(validationLines[^1]));
        }
    }

    [Fact]
    public async Task The_test_object_holds_every_series_last_days_labelled_and_nothing_earlier()
    {
        var dataset = await Prepare(Request());

        var all = SalesGenerator.Generate(new SalesShape(Shape.Stores, Shape.Items, Shape.Days, 1729)).ToList();
        var test = await Lines(dataset.TestObject);
        Assert.EndsWith("/test/sales.csv", dataset.TestObject, StringComparison.Ordinal);
        Assert.Equal(all.Count * Shape.TestDays, test.Length);
        var expected = all.SelectMany(s => Enumerable.Range(Shape.Days - Shape.TestDays, Shape.TestDays).Select(d => Row(s, d))).ToList();
        for (var i = 0; i < test.Length; i++)
            Assert.Equal(expected[i], Fields(test[i]));
    }

    [Fact]
    public async Task The_dataset_says_csv_its_feature_count_and_its_row_counts()
    {
        var dataset = await Prepare(Request());

        Assert.Equal(DatasetContentTypes.Csv, dataset.ContentType);
        Assert.Equal(SalesFeatures.Count, dataset.FeatureDim);
        Assert.Equal(SalesDataSpec.FeatureCount, dataset.FeatureDim);
        var series = Shape.Stores * Shape.Items;
        Assert.Equal((series * Shape.TrainDays, series * Shape.ValidationDays, series * Shape.TestDays),
            (dataset.Counts!.TrainRows, dataset.Counts.ValidationRows, dataset.Counts.TestRows));
        Assert.Equal((long)series * Shape.Days, dataset.Counts.RowsRead);
        Assert.Empty(dataset.Counts.Dropped);
        Assert.Equal(2 * series + 1, dataset.Objects.Count);
    }

    [Fact]
    public async Task The_same_shape_and_seed_is_reused_and_another_seed_gets_a_folder_of_its_own()
    {
        var first = await Prepare(Request());
        var again = await Prepare(Request());
        var other = await Prepare(Request(seed: 7));

        Assert.False(first.Reused);
        Assert.True(again.Reused);
        Assert.Equal(first.TrainPrefix, again.TrainPrefix);
        Assert.Equal(DatasetContentTypes.Csv, again.ContentType);
        Assert.NotEqual(first.Digest, other.Digest);
        Assert.NotEqual(await Lines(first.TestObject), await Lines(other.TestObject));
    }

    [Fact]
    public async Task Another_split_of_the_same_days_is_another_dataset()
    {
        var sources = new[]
        {
            Request().Source,
            Request().Source with { Sales = Shape with { ValidationDays = 15 } },
            Request().Source with { Sales = Shape with { TestDays = 8 } },
            Request().Source with { Sales = Shape with { Stores = 3 } },
        };

        var digests = new List<string>();
        foreach (var source in sources)
            digests.Add((await DatasetIdentity.OfAsync(source, _store, CancellationToken.None)).Digest);

        Assert.Equal(sources.Length, digests.Distinct().Count());
    }

    [Fact]
    public void The_specs_limits_are_the_generators()
    {
        Assert.Equal((SalesShape.MaxStores, SalesShape.MaxItems, SalesShape.MaxDays),
            (SalesDataSpec.MaxStores, SalesDataSpec.MaxItems, SalesDataSpec.MaxDays));
    }
}
