using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Contracts;
using Pipeline.Ingestor.Datasets;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Storage;
using Pipeline.Storage.Local;

namespace Pipeline.Ingestor.Tests.Datasets;

public sealed partial class When_preparing_a_dataset_in_its_own_folder : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ingestor-tests-{Guid.NewGuid():N}");
    private readonly RecordingStore _store;
    private readonly CountingBuilder _builds;
    private readonly PreparedDatasets _datasets;

    public When_preparing_a_dataset_in_its_own_folder()
    {
        _store = new RecordingStore(new LocalFolderObjectStore(Path.Combine(_root, "objects")));
        _builds = new CountingBuilder(new GdeltDatasetBuilder(_store, new GdeltYearSources(_store), NullLogger<GdeltDatasetBuilder>.Instance));
        _datasets = new PreparedDatasets(_builds, _store, NullLogger<PreparedDatasets>.Instance);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static IngestDataset Request(int[] trainingYears, int testYear, int rows = 1500) => new()
    {
        ExperimentId = Guid.NewGuid(),
        Source = new DataSourceSpec { Kind = DataSourceKind.Generated, RowsPerYear = rows, TrainingYears = trainingYears, TestYear = testYear },
        Bucket = "pipeline-tests",
        Prefix = "experiments/gdelt",
    };

    private Task<IngestedDataset> Prepare(IngestDataset request) => _datasets.BuildAsync(request, null, CancellationToken.None);

    private Task<List<string>> Keys(string prefix) =>
        _store.ListAsync(prefix, CancellationToken.None).Select(o => o.Uri).ToListAsync().AsTask();

    [Fact]
    public async Task A_run_on_fewer_years_gets_a_folder_of_its_own_whose_train_prefix_holds_only_its_years()
    {
        var wide = await Prepare(Request([1979, 1980, 1981, 1982, 1983], 1984));
        var narrow = await Prepare(Request([1979, 1980], 1981));

        Assert.Matches(DatasetFolder(), wide.TrainPrefix);
        Assert.Matches(DatasetFolder(), narrow.TrainPrefix);
        Assert.Equal($"s3://pipeline-tests/experiments/gdelt/datasets/{narrow.Digest}/train/", narrow.TrainPrefix);
        Assert.NotEqual(wide.Digest, narrow.Digest);
        Assert.Equal([$"{narrow.TrainPrefix}1979.data", $"{narrow.TrainPrefix}1980.data"], await Keys(narrow.TrainPrefix));
        Assert.Equal(5, (await Keys(wide.TrainPrefix)).Count);
        Assert.EndsWith($"/datasets/{narrow.Digest}/test/1981.data", narrow.TestObject, StringComparison.Ordinal);
        Assert.False(narrow.Reused);
    }

    [Fact]
    public async Task A_second_run_on_the_same_data_skips_ingestion_and_gets_the_same_dataset_marked_reused()
    {
        var first = await Prepare(Request([1979, 1980], 1981));
        var second = await Prepare(Request([1979, 1980], 1981));

        Assert.Equal(1, _builds.Count);
        Assert.True(second.Reused);
        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal((first.TrainPrefix, first.ValidationPrefix, first.TestObject), (second.TrainPrefix, second.ValidationPrefix, second.TestObject));
        Assert.Equal(first.Counts!.TrainRows, second.Counts!.TrainRows);
        Assert.Equal(first.Counts.TestRows, second.Counts.TestRows);
        Assert.Equal(first.Objects, second.Objects);
        Assert.Equal(first.Vocabulary, second.Vocabulary);
    }

    [Fact]
    public async Task The_manifest_is_written_last_and_lists_every_object_with_its_size()
    {
        var dataset = await Prepare(Request([1979, 1980], 1981));

        var manifestUri = $"s3://pipeline-tests/experiments/gdelt/datasets/{dataset.Digest}/manifest.json";
        Assert.Equal(manifestUri, _store.Written[^1]);
        await using var stream = await _store.OpenReadAsync(manifestUri, CancellationToken.None);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        var manifest = DatasetManifest.Parse(bytes.ToArray())!;
        Assert.Equal(dataset.Digest, manifest.Digest);
        Assert.Equal(DatasetIdentity.TransformVersion, manifest.TransformVersion);
        Assert.Contains("training years 1979,1980", manifest.Facts);
        Assert.Contains("test year 1981", manifest.Facts);
        Assert.Equal(dataset.Objects, manifest.Dataset.Objects);
        Assert.Equal(7, manifest.Dataset.Objects.Count); // 2 x (train, validation), test .data, .csv and .labels.csv
        Assert.Equal(dataset.Counts!.TrainRows, manifest.Dataset.Counts!.TrainRows);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("resized")]
    [InlineData("no manifest")]
    [InlineData("foreign manifest")]
    public async Task A_dataset_whose_objects_or_manifest_do_not_match_is_prepared_again(string damage)
    {
        var first = await Prepare(Request([1979, 1980], 1981));
        var folder = $"s3://pipeline-tests/experiments/gdelt/datasets/{first.Digest}";
        switch (damage)
        {
            case "missing":
                await _store.DeleteAsync($"{first.TrainPrefix}1980.data", CancellationToken.None);
                break;
            case "resized":
                await _store.WriteAsync($"{first.ValidationPrefix}1979.data", (s, ct) => s.WriteAsync(new byte[3], ct).AsTask(), CancellationToken.None);
                break;
            case "no manifest":
                await _store.DeleteAsync($"{folder}/manifest.json", CancellationToken.None);
                break;
            default:
                var other = await Prepare(Request([1979, 1981], 1982));
                var otherManifest = _store.OpenReadAsync($"s3://pipeline-tests/experiments/gdelt/datasets/{other.Digest}/manifest.json", CancellationToken.None);
                await using (var source = await otherManifest)
                    await _store.WriteAsync($"{folder}/manifest.json", (s, ct) => source.CopyToAsync(s, ct), CancellationToken.None);
                break;
        }

        var buildsBefore = _builds.Count;
        var again = await Prepare(Request([1979, 1980], 1981));

        Assert.False(again.Reused);
        Assert.Equal(buildsBefore + 1, _builds.Count);
        Assert.Equal(first.Objects, again.Objects); // whole again, the same bytes
        Assert.True((await Prepare(Request([1979, 1980], 1981))).Reused); // and reusable from now on
    }

    [Fact]
    public async Task An_object_in_the_train_prefix_that_the_dataset_did_not_write_is_never_reused_nor_trained_on()
    {
        var first = await Prepare(Request([1979, 1980], 1981));
        var stray = $"{first.TrainPrefix}1983.data";
        await _store.WriteAsync(stray, (s, ct) => s.WriteAsync(new byte[16], ct).AsTask(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Prepare(Request([1979, 1980], 1981)));

        Assert.Equal(1, _builds.Count); // refused at once: preparing it again would not remove the stray
        Assert.Contains(stray, error.Message, StringComparison.Ordinal);
        Assert.Contains("Remove them", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_in_the_validation_prefix_left_beside_a_half_prepared_dataset_fails_the_run_naming_it()
    {
        var first = await Prepare(Request([1979, 1980], 1981));
        await _store.DeleteAsync($"s3://pipeline-tests/experiments/gdelt/datasets/{first.Digest}/manifest.json", CancellationToken.None);
        var stray = $"{first.ValidationPrefix}1979.data.copy";
        await _store.WriteAsync(stray, (s, ct) => s.WriteAsync(new byte[16], ct).AsTask(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Prepare(Request([1979, 1980], 1981)));

        Assert.Contains(stray, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_preparing_the_same_dataset_at_once_leave_it_whole_and_reusable()
    {
        var both = await Task.WhenAll(Prepare(Request([1979, 1980], 1981)), Prepare(Request([1979, 1980], 1981)));

        Assert.Equal(both[0].Objects, both[1].Objects);
        var third = await Prepare(Request([1979, 1980], 1981));
        Assert.True(third.Reused);
        Assert.Equal(both[0].Objects, third.Objects);
        var folder = $"s3://pipeline-tests/experiments/gdelt/datasets/{third.Digest}/";
        Assert.Equal(third.Objects.Select(o => o.Uri).Append($"{folder}manifest.json").Order(StringComparer.Ordinal),
            (await Keys(folder)).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("^s3://pipeline-tests/experiments/gdelt/datasets/[0-9a-f]{16}/train/$")]
    private static partial Regex DatasetFolder();

    private sealed class CountingBuilder(IDatasetBuilder inner) : IDatasetBuilder
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task<IngestedDataset> BuildAsync(IngestDataset request, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return inner.BuildAsync(request, progress, cancellationToken);
        }
    }

    /// <summary>The store, noting each object written, in the order the writes completed.</summary>
    private sealed class RecordingStore(IObjectStore inner) : IObjectStore
    {
        private readonly ConcurrentQueue<string> _written = new();

        public IReadOnlyList<string> Written => [.. _written];

        public Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken) => inner.OpenReadAsync(uri, cancellationToken);

        public async Task<StoredObject> WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
        {
            var stored = await inner.WriteAsync(uri, write, cancellationToken);
            _written.Enqueue(stored.Uri);
            return stored;
        }

        public IAsyncEnumerable<StoredObject> ListAsync(string prefixUri, CancellationToken cancellationToken) => inner.ListAsync(prefixUri, cancellationToken);

        public Task DeleteAsync(string uri, CancellationToken cancellationToken) => inner.DeleteAsync(uri, cancellationToken);

        public Task<string?> VersionAsync(string uri, CancellationToken cancellationToken) => inner.VersionAsync(uri, cancellationToken);
    }
}
