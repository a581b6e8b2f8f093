using Microsoft.Extensions.Logging;
using Pipeline.Contracts;
using Pipeline.Data.Gdelt;
using Pipeline.Data.Text;
using Pipeline.Data.Transform;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>
/// The notebook's data preparation, streaming: the first training year fixes the event vocabulary (in the same pass
/// that transforms it, see <see cref="YearTransform.ApplyChoosingVocabulary"/>), every training
/// year is transformed, shuffled and split 90/10 into &lt;prefix&gt;/train/&lt;year&gt;.data and
/// &lt;prefix&gt;/validation/&lt;year&gt;.data (one object per year, which is what lets ShardedByS3Key give each instance
/// whole years), and the test year is written as RecordIO, as label-free CSV and as labels. Only one year's kept rows
/// are in memory at a time (the first year's other candidates wait in a temporary file until the vocabulary is known).
/// </summary>
public sealed class GdeltDatasetBuilder(IObjectStore store, GdeltYearSources sources, ILogger<GdeltDatasetBuilder> logger)
    : IDatasetBuilder
{
    public async Task<IngestedDataset> BuildAsync(IngestDataset request, IProgress<IngestionProgress>? progress,
        CancellationToken cancellationToken)
    {
        var source = sources.For(request.Source);
        var data = request.Source;
        var root = $"s3://{request.Bucket}/{request.Prefix.Trim('/')}";
        var firstYear = data.TrainingYears[0];

        // One pass over the first year both chooses the vocabulary and transforms the year.
        var totals = new Totals();
        YearTransform? first = await TransformAsync(source, firstYear,
            reader => YearTransform.ApplyChoosingVocabulary(reader, spillFolder: sources.TempFolder), totals, progress,
            cancellationToken);
        var transform = first.Kept.Transform;
        var vocabulary = transform.Vocabulary;
        if (vocabulary.Count < EventVocabulary.DefaultSize)
            throw new DatasetInputException(
                $"{source.Describe(firstYear)} has only {vocabulary.Count} distinct event codes in its {first.Report.RowsReturned:N0} well-formed rows; "
                + $"the experiment needs {EventVocabulary.DefaultSize}.");
        logger.LogInformation("Event vocabulary from {Year}: {Codes}", firstYear, string.Join(", ", vocabulary.Codes));

        var objects = new List<StoredObject>();
        foreach (var year in data.TrainingYears)
        {
            var prepared = first ?? await TransformAsync(source, year, reader => YearTransform.Apply(reader, transform), totals, progress,
                cancellationToken);
            first = null; // only one year's rows in memory
            var split = NotebookSplit.Shuffle(prepared.Kept, data.Seed);
            objects.Add(await store.WriteRecordIoAsync($"{root}/train/{year}.data", prepared.Kept, split.Train, cancellationToken));
            objects.Add(await store.WriteRecordIoAsync($"{root}/validation/{year}.data", prepared.Kept, split.Validation, cancellationToken));
            totals.Train += split.TrainCount;
            totals.Validation += split.ValidationCount;
        }

        var test = await TransformAsync(source, data.TestYear, reader => YearTransform.Apply(reader, transform), totals, progress,
            cancellationToken);
        var testObject = $"{root}/test/{data.TestYear}.data";
        objects.Add(await store.WriteRecordIoAsync(testObject, test.Kept, Range.All, cancellationToken)); // in file order
        objects.AddRange(await WriteTestCsvAsync($"{root}/test/{data.TestYear}", test.Kept, cancellationToken));
        totals.Test = test.Kept.Count;

        return new IngestedDataset
        {
            TrainPrefix = $"{root}/train/",
            ValidationPrefix = $"{root}/validation/",
            TestObject = testObject,
            FeatureDim = transform.FeatureDim,
            Vocabulary = vocabulary.Codes.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            Counts = new IngestionCounts
            {
                RowsRead = totals.Read,
                RowsKept = totals.Kept,
                Dropped = totals.Dropped,
                MalformedExamples = totals.MalformedExamples.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value),
                TrainRows = totals.Train,
                ValidationRows = totals.Validation,
                TestRows = totals.Test,
            },
            Objects = objects,
        };
    }

    private async Task<YearTransform> TransformAsync(IGdeltYearSource source, int year, Func<GdeltReader, YearTransform> transform,
        Totals totals, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new IngestionProgress($"transforming {year}", totals.Read, totals.Kept));
        using var span = IngestorTelemetry.Source.StartActivity("ingest year");
        span?.SetTag("pipeline.year", year);
        span?.SetTag("pipeline.source", source.Describe(year));
        var prepared = await ReadAsync(source, year, transform, cancellationToken);
        span?.SetTag("pipeline.rows.read", prepared.RowsRead);
        span?.SetTag("pipeline.rows.kept", prepared.Kept.Count);
        GdeltTextCheck.Require(prepared.Report);
        totals.Add(prepared);
        logger.LogInformation("{Year}: {Read} rows read, {Kept} kept, dropped {Dropped}", year, prepared.RowsRead, prepared.Kept.Count,
            string.Join(", ", prepared.Dropped.Select(d => $"{d.Value} {d.Key}")));
        progress?.Report(new IngestionProgress($"transformed {year}", totals.Read, totals.Kept));
        return prepared;
    }

    private static async Task<T> ReadAsync<T>(IGdeltYearSource source, int year, Func<GdeltReader, T> read, CancellationToken cancellationToken)
    {
        await using var stream = await source.OpenAsync(year, cancellationToken);
        // Parsing is CPU work on a blocking stream; keep it off the bus's threads.
        return await Task.Run(() =>
        {
            using var reader = new GdeltReader(new CancellableReadStream(stream, cancellationToken), source.Describe(year));
            return read(reader);
        }, cancellationToken);
    }

    /// <summary>The test year as the notebook sends it: label-free %g CSV, and its labels beside it.</summary>
    private async Task<IReadOnlyList<StoredObject>> WriteTestCsvAsync(string uriWithoutExtension, KeptRows rows, CancellationToken cancellationToken)
    {
        var features = await store.WriteAsync($"{uriWithoutExtension}.csv", (stream, ct) => Task.Run(() =>
            WriteCsv(rows, stream, Stream.Null, ct), ct), cancellationToken);
        var labels = await store.WriteAsync($"{uriWithoutExtension}.labels.csv", (stream, ct) => Task.Run(() =>
            WriteCsv(rows, Stream.Null, stream, ct), ct), cancellationToken);
        return [features, labels];
    }

    private static void WriteCsv(KeptRows rows, Stream features, Stream labels, CancellationToken cancellationToken)
    {
        using var writer = new TestSetCsvWriter(features, labels, leaveOpen: true);
        var row = new float[rows.Transform.FeatureDim];
        for (var i = 0; i < rows.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var label = rows.Read(i, row);
            writer.Write(row, label);
        }
    }

    private sealed class Totals
    {
        public long Read;
        public long Kept;
        public long Train;
        public long Validation;
        public long Test;
        public Dictionary<string, long> Dropped { get; } = [];
        public Dictionary<string, List<string>> MalformedExamples { get; } = [];

        public void Add(YearTransform year)
        {
            Read += year.RowsRead;
            Kept += year.Kept.Count;
            foreach (var (reason, count) in year.Dropped)
                Dropped[reason] = Dropped.GetValueOrDefault(reason) + count;
            foreach (var (reason, rows) in year.Report.Malformed)
            {
                if (!MalformedExamples.TryGetValue(reason, out var examples))
                    MalformedExamples[reason] = examples = [];
                examples.AddRange(rows.FirstLines.Select(line => $"{year.Report.SourceName} line {line}"));
            }
        }
    }
}
