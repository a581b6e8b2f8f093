using System.Collections.Concurrent;
using Pipeline.Contracts;

namespace Pipeline.Ingestor.Tests.Doubles;

/// <summary>Answers every build with a given dataset or exception, recording the requests and their overlap.</summary>
public sealed class DatasetBuilderDouble : IDatasetBuilder
{
    private int _inFlight;
    private int _maxInFlight;

    public Func<IngestDataset, IngestedDataset> Build { get; init; } = request => Dataset(request);

    public ConcurrentQueue<IngestDataset> Requests { get; } = new();

    public bool ReceivedProgress { get; private set; }

    public TimeSpan Latency { get; init; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public async Task<IngestedDataset> BuildAsync(IngestDataset request, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (inFlight > (seen = Volatile.Read(ref _maxInFlight)))
                Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen);

            ReceivedProgress = progress is not null;
            progress?.Report(new IngestionProgress("Reading 1979.csv", RowsRead: 10, RowsKept: 7));
            if (Latency > TimeSpan.Zero)
                await Task.Delay(Latency, cancellationToken);
            return Build(request);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>A dataset as the GDELT build would describe it, with every optional part filled in.</summary>
    public static IngestedDataset Dataset(IngestDataset request) => new()
    {
        TrainPrefix = $"s3://{request.Bucket}/{request.Prefix}/train/",
        ValidationPrefix = $"s3://{request.Bucket}/{request.Prefix}/validation/",
        TestObject = $"s3://{request.Bucket}/{request.Prefix}/test/1984.data",
        FeatureDim = 25,
        Vocabulary = ["010", "020", "040", "042", "043"],
        Counts = new IngestionCounts
        {
            RowsRead = 1000,
            RowsKept = 800,
            Dropped = new Dictionary<string, long> { ["code outside the vocabulary"] = 150, ["(0,0) coordinates"] = 50 },
            TrainRows = 648,
            ValidationRows = 72,
            TestRows = 80,
        },
        Objects = [new StoredObject($"s3://{request.Bucket}/{request.Prefix}/train/1979.data", 123_456)],
    };
}
