using System.Text;
using Pipeline.Storage.Local;

namespace Pipeline.Storage.Tests.Local;

public sealed class When_the_store_is_a_local_folder : ObjectStoreBehaviour, IDisposable
{
    // The root sits inside a sandbox so that anything written outside the root would be seen.
    private readonly DirectoryInfo _sandbox = Directory.CreateTempSubdirectory("pipeline-storage-");
    private readonly LocalFolderObjectStore _store;

    public When_the_store_is_a_local_folder() =>
        _store = new LocalFolderObjectStore(_sandbox.CreateSubdirectory("root").FullName);

    protected override IObjectStore Store => _store;

    public void Dispose() => _sandbox.Delete(recursive: true);

    [Fact]
    public async Task Keeps_an_object_at_root_bucket_key()
    {
        await Store.WriteAsync(UriOf("prefix/train/1979.data"), (stream, ct) => stream.WriteAsync("abc"u8.ToArray(), ct).AsTask(), default);

        var file = Path.Combine(_sandbox.FullName, "root", Bucket, "prefix", "train", "1979.data");
        Assert.Equal("abc", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_write_removes_the_stale_temporary_files_of_a_crashed_write_in_its_folder_and_keeps_recent_ones()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_sandbox.FullName, "root", Bucket, "test")).FullName;
        var crashed = Path.Combine(folder, $"1984.csv.{Guid.NewGuid():N}{LocalFolderObjectStore.TemporarySuffix}");
        var inProgress = Path.Combine(folder, $"1984.labels.csv.{Guid.NewGuid():N}{LocalFolderObjectStore.TemporarySuffix}");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_sandbox.FullName, "root", Bucket, "train")).FullName;
        var crashedElsewhere = Path.Combine(elsewhere, $"1979.data.{Guid.NewGuid():N}{LocalFolderObjectStore.TemporarySuffix}");
        foreach (var file in new[] { crashed, inProgress, crashedElsewhere })
            await File.WriteAllTextAsync(file, "partial");
        File.SetLastWriteTimeUtc(crashed, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(crashedElsewhere, DateTime.UtcNow.AddHours(-2));

        await Store.WriteAsync(UriOf("test/1984.data"), (stream, ct) => stream.WriteAsync("abc"u8.ToArray(), ct).AsTask(), default);

        Assert.False(File.Exists(crashed), "a temporary file untouched for 2 hours is a crashed write's");
        Assert.True(File.Exists(inProgress), "a recent temporary file may be a write in progress");
        Assert.True(File.Exists(crashedElsewhere), "only the folder written to is swept");
        Assert.True(File.Exists(Path.Combine(folder, "1984.data")));
    }

    [Fact]
    public async Task Writes_to_a_temporary_file_beside_the_object_and_leaves_none_behind()
    {
        var folder = Path.Combine(_sandbox.FullName, "root", Bucket, "out");
        string[] duringWrite = [];

        await Store.WriteAsync(UriOf("out/1979.data"), async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[100], ct);
            duringWrite = Directory.GetFiles(folder);
        }, default);
        await Assert.ThrowsAsync<IOException>(() => Store.WriteAsync(UriOf("out/1980.data"), async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[100], ct);
            throw new IOException("disk full, say");
        }, default));

        var temporary = Assert.Single(duringWrite);
        Assert.StartsWith(Path.Combine(folder, "1979.data."), temporary, StringComparison.Ordinal);
        Assert.Equal([Path.Combine(folder, "1979.data")], Directory.GetFiles(folder));
    }

    public static TheoryData<string> KeysOutsideTheRoot => new()
    {
        "../escaped",
        "a/../../escaped",
        "a/..",
        "/etc/passwd",
        "a\\..\\..\\escaped",
        "a\0b",
        "a//b",
        "./a",
        "a/",
        "a.~tmp",
        "",
    };

    [Theory]
    [MemberData(nameof(KeysOutsideTheRoot))]
    public async Task Rejects_a_key_that_does_not_name_a_file_under_its_bucket(string key)
    {
        var uri = UriOf(key);

        var write = await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(uri, (s, ct) => s.WriteAsync(new byte[1], ct).AsTask(), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(uri, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(uri, default));

        Assert.Contains("key", write.Message, StringComparison.Ordinal);
        Assert.Equal(["root"], _sandbox.GetFileSystemInfos().Select(i => i.Name));
        Assert.Empty(Directory.GetFiles(_sandbox.FullName, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("a/../../")]
    [InlineData("/etc/")]
    [InlineData("a\\b")]
    public async Task Rejects_a_prefix_that_leaves_its_bucket(string prefix)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ListAll(UriOf(prefix)));
    }

    [Fact]
    public async Task Lists_a_file_put_there_by_another_tool_like_any_object()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_sandbox.FullName, "root", Bucket, "events"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "1979.csv"), "row\n");

        var listed = Assert.Single(await ListAll(UriOf("events/")));

        Assert.Equal(UriOf("events/1979.csv"), listed.Uri);
        Assert.Equal("row\n", Encoding.UTF8.GetString(await ReadAll(listed.Uri)));
    }
}
