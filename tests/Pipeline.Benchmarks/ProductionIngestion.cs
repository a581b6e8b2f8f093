using Pipeline.Data.Gdelt;
using Pipeline.Data.Transform;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Storage.Local;

namespace Pipeline.Benchmarks;

/// <summary>
/// The first training year through the production classes, as GdeltDatasetBuilder takes it: one pass reads the year,
/// counts its event codes, chooses the vocabulary and keeps the transformed rows
/// (YearTransform.ApplyChoosingVocabulary), NotebookSplit shuffles the kept rows in place and splits them, and RecordIoWriter
/// writes the train and validation objects into a LocalFolderObjectStore (temporary file, fsync, rename). The
/// builder itself is not called because it also needs a test year; the objects are written as it writes them
/// (RecordIoObjects.WriteRecordIoAsync).
/// </summary>
internal static class ProductionIngestion
{
    public const string Bucket = "benchmark";

    public static async Task<ProductionRun> RunAsync(BenchmarkYearFile file, int seed, string storeRoot)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        using var heap = ManagedHeapPeak.Start();
        var clock = new StageClock();

        var year = Read(file, reader => YearTransform.ApplyChoosingVocabulary(reader));
        clock.Lap("read + count codes + transform + keep");

        var split = NotebookSplit.Shuffle(year.Kept, seed);
        clock.Lap("shuffle + split");

        var store = new LocalFolderObjectStore(storeRoot);
        var train = await store.WriteRecordIoAsync(ObjectUri("train", file.Year), year.Kept, split.Train, CancellationToken.None);
        clock.Lap("RecordIO train object");
        var validation = await store.WriteRecordIoAsync(ObjectUri("validation", file.Year), year.Kept, split.Validation, CancellationToken.None);
        clock.Lap("RecordIO validation object");

        var seconds = clock.TotalSeconds;
        heap.Dispose();
        return new ProductionRun
        {
            InputBytes = file.Bytes,
            RowsRead = year.RowsRead,
            RowsKept = year.Kept.Count,
            TrainRows = split.TrainCount,
            ValidationRows = split.ValidationCount,
            Dropped = year.Dropped,
            SpilledBytes = year.SpilledBytes,
            Seconds = seconds,
            Stages = clock.Stages,
            OutputBytes = train.SizeBytes + validation.SizeBytes,
            TrainObject = ObjectPath(storeRoot, "train", file.Year),
            ValidationObject = ObjectPath(storeRoot, "validation", file.Year),
            PeakManagedHeapBytes = heap.PeakAllocatedBytes,
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            Gen0Collections = GC.CollectionCount(0) - collectionsBefore,
        };
    }

    private static string ObjectUri(string channel, int year) => $"s3://{Bucket}/gdelt/{channel}/{year}.data";

    private static string ObjectPath(string storeRoot, string channel, int year) =>
        Path.Combine(storeRoot, Bucket, "gdelt", channel, $"{year}.data");

    private static T Read<T>(BenchmarkYearFile file, Func<GdeltReader, T> read)
    {
        using var reader = new GdeltReader(GdeltFiles.Open(file.Path), Path.GetFileName(file.Path));
        return read(reader);
    }
}

internal sealed record ProductionRun
{
    public required long InputBytes { get; init; }
    public required long RowsRead { get; init; }
    public required long RowsKept { get; init; }
    public required long TrainRows { get; init; }
    public required long ValidationRows { get; init; }
    public required IReadOnlyDictionary<string, long> Dropped { get; init; }
    public required double Seconds { get; init; }
    public required IReadOnlyList<Stage> Stages { get; init; }
    public required long OutputBytes { get; init; }
    public required string TrainObject { get; init; }
    public required string ValidationObject { get; init; }
    public required long PeakManagedHeapBytes { get; init; }
    public required long AllocatedBytes { get; init; }
    public required int Gen0Collections { get; init; }

    /// <summary>Every run's seconds, when this is the median of several.</summary>
    public IReadOnlyList<double> AllRunSeconds { get; init; } = [];

    /// <summary>What KeptRows holds for the year: 25 bytes a row (six float32 and the one-hot column).</summary>
    public long KeptRowsBytes => RowsKept * KeptRows.BytesPerRow;

    /// <summary>What the year set aside on disk while the vocabulary was unknown: 28 bytes per row with valid coordinates.</summary>
    public required long SpilledBytes { get; init; }
}
