using Pipeline.Contracts;
using Pipeline.Ingestor.Datasets;
using Pipeline.Storage.Local;

namespace Pipeline.Ingestor.Tests.Datasets;

public sealed class When_identifying_a_dataset : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ingestor-tests-{Guid.NewGuid():N}");
    private readonly LocalFolderObjectStore _store;

    public When_identifying_a_dataset() => _store = new LocalFolderObjectStore(Path.Combine(_root, "objects"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static readonly DataSourceSpec Generated = new()
    {
        Kind = DataSourceKind.Generated, RowsPerYear = 1000, TrainingYears = [1979, 1980], TestYear = 1981,
    };

    private Task<DatasetIdentity> Identify(DataSourceSpec data) => DatasetIdentity.OfAsync(data, _store, CancellationToken.None);

    [Fact]
    public async Task The_same_settings_give_the_same_digest_of_16_hex_digits()
    {
        var once = await Identify(Generated);
        var again = await Identify(Generated with { });

        Assert.Matches("^[0-9a-f]{16}$", once.Digest);
        Assert.Equal(once.Digest, again.Digest);
        Assert.True(once.Identified);
    }

    public static TheoryData<string> Changes => ["rows", "seed", "training years", "test year", "year order"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Each_setting_the_objects_depend_on_changes_the_digest(string change)
    {
        var changed = change switch
        {
            "rows" => Generated with { RowsPerYear = 1001 },
            "seed" => Generated with { Seed = 1730 },
            "training years" => Generated with { TrainingYears = [1979] },
            "test year" => Generated with { TestYear = 1982 },
            _ => Generated with { TrainingYears = [1980, 1979] }, // the first year chooses the vocabulary
        };

        Assert.NotEqual((await Identify(Generated)).Digest, (await Identify(changed)).Digest);
    }

    [Fact]
    public async Task A_year_file_rewritten_in_a_folder_changes_the_digest()
    {
        var folder = Path.Combine(_root, "gdelt");
        Directory.CreateDirectory(folder);
        foreach (var year in new[] { 1979, 1980, 1981 })
            await File.WriteAllTextAsync(Path.Combine(folder, $"{year}.csv"), "rows\n");
        var data = Generated with { Kind = DataSourceKind.Local, Location = folder, RowsPerYear = null };
        var before = await Identify(data);

        await File.WriteAllTextAsync(Path.Combine(folder, "1980.csv"), "other\n"); // same size: the write time tells
        File.SetLastWriteTimeUtc(Path.Combine(folder, "1980.csv"), DateTime.UtcNow.AddMinutes(1));
        var after = await Identify(data);

        Assert.True(before.Identified);
        Assert.NotEqual(before.Digest, after.Digest);
    }

    [Fact]
    public async Task An_object_rewritten_under_an_s3_prefix_changes_the_digest()
    {
        foreach (var year in new[] { 1979, 1980, 1981 })
            await _store.WriteAsync($"s3://gdelt/events/{year}.csv", (s, ct) => s.WriteAsync("rows\n"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        var data = Generated with { Kind = DataSourceKind.S3, Location = "s3://gdelt/events/", RowsPerYear = null };
        var before = await Identify(data);

        await _store.WriteAsync("s3://gdelt/events/1981.csv", (s, ct) => s.WriteAsync("more rows\n"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        var after = await Identify(data);

        Assert.True(before.Identified);
        Assert.NotEqual(before.Digest, after.Digest);
    }

    [Fact]
    public async Task A_missing_year_file_leaves_the_dataset_unidentified_so_it_is_never_reused()
    {
        var folder = Path.Combine(_root, "empty");
        Directory.CreateDirectory(folder);

        var identity = await Identify(Generated with { Kind = DataSourceKind.Local, Location = folder, RowsPerYear = null });

        Assert.False(identity.Identified);
    }
}
