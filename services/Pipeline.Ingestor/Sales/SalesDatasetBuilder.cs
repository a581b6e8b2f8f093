using Microsoft.Extensions.Logging;
using Pipeline.Contracts;
using Pipeline.Data.IO;
using Pipeline.Data.Sales;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Sales;

/// <summary>
/// The XGBoost blog's data, generated: one label-first CSV file per store-item series under &lt;prefix&gt;/train/ (its
/// first <see cref="SalesDataSpec.TrainDays"/> days) and under &lt;prefix&gt;/validation/ (the next
/// <see cref="SalesDataSpec.ValidationDays"/>), so that ShardedByS3Key hands each instance whole series, and every
/// series' last <see cref="SalesDataSpec.TestDays"/> days in one labelled test object, &lt;prefix&gt;/test/sales.csv.
/// One series is in memory at a time.
/// </summary>
public sealed class SalesDatasetBuilder(IObjectStore store, GdeltYearSources sources, ILogger<SalesDatasetBuilder> logger) : IDatasetBuilder
{
    public const string TestFileName = "sales.csv";

    /// <summary>Progress is reported after this many series, and after the last.</summary>
    private const int ReportEvery = 50;

    public async Task<IngestedDataset> BuildAsync(IngestDataset request, IProgress<IngestionProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sales = request.Source.SalesOrDefault;
        var shape = ShapeOf(request.Source);
        if (shape.Validate() is { Count: > 0 } problems)
            throw new DatasetInputException($"Data.Sales cannot be generated: {string.Join(" ", problems)}");
        if (sales.ValidationDays < 1 || sales.TestDays < 1 || sales.TrainDays < 1)
            throw new DatasetInputException(
                $"Data.Sales: {sales.Days} days cannot be split into train days, {sales.ValidationDays} validation days and {sales.TestDays} test days (each needs at least 1).");
        var tempFolder = sources.TempFolder;
        var root = $"s3://{request.Bucket}/{request.Prefix.Trim('/')}";
        using var span = IngestorTelemetry.Source.StartActivity("generate sales");
        span?.SetTag("pipeline.series", shape.SeriesCount);

        var objects = new List<StoredObject>();
        long done = 0;
        var validationEnd = sales.TrainDays + sales.ValidationDays;
        var testObject = $"{root}/test/{TestFileName}";
        // The test object is written last, from every series' tail (kept in a temporary file), in the order of the files.
        await using var tails = new FileStream(PipelineTempFiles.NewPath("sales-test", ".csv", tempFolder), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        foreach (var series in SalesGenerator.Generate(shape))
        {
            cancellationToken.ThrowIfCancellationRequested();
            objects.Add(await WriteAsync($"{root}/train/{series.Name}.csv", series, 0, sales.TrainDays, cancellationToken));
            objects.Add(await WriteAsync($"{root}/validation/{series.Name}.csv", series, sales.TrainDays, validationEnd, cancellationToken));
            SalesCsv.Write(series, validationEnd, sales.Days, tails);
            if (++done % ReportEvery == 0 || done == shape.SeriesCount)
                progress?.Report(new IngestionProgress($"generated {done} of {shape.SeriesCount} series", done * sales.Days, done * sales.Days));
        }

        tails.Position = 0;
        objects.Add(await store.WriteAsync(testObject, (stream, ct) => tails.CopyToAsync(stream, ct), cancellationToken));
        var train = (long)shape.SeriesCount * sales.TrainDays;
        var validation = (long)shape.SeriesCount * sales.ValidationDays;
        var test = (long)shape.SeriesCount * sales.TestDays;
        logger.LogInformation("Generated {Series} store-item series of {Days} days: {Train} train, {Validation} validation, {Test} test rows",
            shape.SeriesCount, sales.Days, train, validation, test);

        return new IngestedDataset
        {
            TrainPrefix = $"{root}/train/",
            ValidationPrefix = $"{root}/validation/",
            TestObject = testObject,
            FeatureDim = SalesFeatures.Count,
            ContentType = DatasetContentTypes.Csv,
            Counts = new IngestionCounts
            {
                RowsRead = train + validation + test,
                RowsKept = train + validation + test,
                Dropped = new Dictionary<string, long>(),
                TrainRows = train,
                ValidationRows = validation,
                TestRows = test,
            },
            Objects = objects,
        };
    }

    public static SalesShape ShapeOf(DataSourceSpec source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sales = source.SalesOrDefault;
        return new SalesShape(sales.Stores, sales.Items, sales.Days, source.Seed);
    }

    private Task<StoredObject> WriteAsync(string uri, StoreItemSeries series, int from, int to, CancellationToken cancellationToken) =>
        store.WriteAsync(uri, (stream, _) =>
        {
            SalesCsv.Write(series, from, to, stream);
            return Task.CompletedTask;
        }, cancellationToken);
}
