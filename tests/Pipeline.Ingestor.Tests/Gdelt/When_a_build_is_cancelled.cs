using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Contracts;
using Pipeline.Data.Gdelt;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Ingestor.Tests.Doubles;
using Pipeline.Storage;
using Pipeline.Storage.Local;

namespace Pipeline.Ingestor.Tests.Gdelt;

public sealed class When_a_build_is_cancelled : IDisposable
{
    // Bounds a build that ignores its token; the builds here stop long before.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ingestor-tests-{Guid.NewGuid():N}");

    private string TempFolder => Path.Combine(_root, "tmp");

    private string ObjectsFolder => Path.Combine(_root, "objects");

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private GdeltDatasetBuilder Builder(IObjectStore store) =>
        new(store, new GdeltYearSources(store, TempFolder), NullLogger<GdeltDatasetBuilder>.Instance);

    private static IngestDataset Request(DataSourceSpec source) => new()
    {
        ExperimentId = Guid.NewGuid(),
        Source = source,
        Bucket = "pipeline-tests",
        Prefix = "cancelled",
    };

    private void AssertNothingLeft()
    {
        Assert.Empty(Directory.Exists(TempFolder) ? Directory.GetFiles(TempFolder) : []);
        Assert.Empty(Directory.Exists(ObjectsFolder)
            ? Directory.GetFiles(ObjectsFolder, $"*{LocalFolderObjectStore.TemporarySuffix}", SearchOption.AllDirectories)
            : []);
    }

    [Fact]
    public async Task Reading_a_year_stops_within_a_buffer_and_its_candidates_file_goes()
    {
        using var yearText = new MemoryStream();
        new GdeltGenerator(seed: 3).WriteYear(yearText, 1979, rows: 20_000);
        using var cancel = new CancellationTokenSource();
        var candidatesWhenCancelled = -1;
        // Cancelled from inside the read, 16 MB in: the first year's candidates file is open by then.
        var store = new YearStreamStore(new LocalFolderObjectStore(ObjectsFolder), yearText.ToArray(), length: 400L << 20,
            cancelAt: 16L << 20, cancel: () =>
            {
                candidatesWhenCancelled = Directory.Exists(TempFolder) ? Directory.GetFiles(TempFolder, "pipeline-candidates*").Length : 0;
                cancel.Cancel();
            });
        var build = Builder(store).BuildAsync(Request(new DataSourceSpec
        {
            Kind = DataSourceKind.S3, Location = YearStreamStore.SourcePrefix, TrainingYears = [1979], TestYear = 1984,
        }), null, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build.WaitAsync(Bound));

        Assert.Equal(1, candidatesWhenCancelled);
        // The reader takes a megabyte at a time; the old code read all 400 MB after the cancellation.
        Assert.InRange(store.BytesReadAfterCancel, 0, 4L << 20);
        AssertNothingLeft();
    }

    [Fact]
    public async Task Generating_a_big_year_stops_and_its_file_goes()
    {
        using var cancel = new CancellationTokenSource();
        var store = new LocalFolderObjectStore(ObjectsFolder);
        // 5 million rows would be 1.5 GB: the build is cancelled once a few megabytes are written.
        var build = Builder(store).BuildAsync(Request(new DataSourceSpec { Kind = DataSourceKind.Generated, RowsPerYear = 5_000_000 }),
            null, cancel.Token);
        while (!build.IsCompleted && Directory.GetFiles(TempFolder, "gdelt-*.csv").Sum(f => new FileInfo(f).Length) < (4 << 20))
            await Task.Delay(20);
        Assert.False(build.IsCompleted, "the year was generated before it could be cancelled");
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build.WaitAsync(Bound));

        AssertNothingLeft();
    }
}
