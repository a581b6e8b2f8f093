using System.Security.Cryptography;
using System.Text;
using Pipeline.Contracts;

namespace Pipeline.Storage.Tests;

/// <summary>What every <see cref="IObjectStore"/> promises, run against each adapter by a subclass.</summary>
public abstract class ObjectStoreBehaviour : IAsyncLifetime
{
    /// <summary>A bucket of this test's own.</summary>
    protected string Bucket { get; } = $"test-{Guid.NewGuid():N}";

    protected abstract IObjectStore Store { get; }

    protected string UriOf(string key) => $"s3://{Bucket}/{key}";

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Round_trips_the_bytes_written_and_reports_their_size()
    {
        var content = RandomNumberGenerator.GetBytes(300_001);

        var stored = await Store.WriteAsync(UriOf("data/train/1979.data"), (stream, ct) => WriteInPieces(stream, content, 4096, ct), default);

        Assert.Equal(new StoredObject(UriOf("data/train/1979.data"), content.Length), stored);
        Assert.Equal(content, await ReadAll(UriOf("data/train/1979.data")));
    }

    [Fact]
    public async Task Tells_an_object_version_that_changes_when_it_is_rewritten_and_none_for_a_missing_one()
    {
        await Store.WriteAsync(UriOf("events/1979.csv"), (stream, ct) => stream.WriteAsync("first"u8.ToArray(), ct).AsTask(), default);
        var first = await Store.VersionAsync(UriOf("events/1979.csv"), default);
        var unchanged = await Store.VersionAsync(UriOf("events/1979.csv"), default);
        await Store.WriteAsync(UriOf("events/1979.csv"), (stream, ct) => stream.WriteAsync("the second"u8.ToArray(), ct).AsTask(), default);
        var rewritten = await Store.VersionAsync(UriOf("events/1979.csv"), default);

        Assert.NotNull(first);
        Assert.Equal(first, unchanged);
        Assert.NotEqual(first, rewritten);
        Assert.Null(await Store.VersionAsync(UriOf("events/1980.csv"), default));
    }

    [Fact]
    public async Task Overwrites_an_existing_object_completely()
    {
        await Store.WriteAsync(UriOf("a.csv"), (stream, ct) => stream.WriteAsync(Encoding.UTF8.GetBytes("a much longer first version"), ct).AsTask(), default);

        await Store.WriteAsync(UriOf("a.csv"), (stream, ct) => stream.WriteAsync("second"u8.ToArray(), ct).AsTask(), default);

        Assert.Equal("second", Encoding.UTF8.GetString(await ReadAll(UriOf("a.csv"))));
    }

    [Fact]
    public async Task Leaves_nothing_when_the_write_callback_throws()
    {
        var failure = new InvalidOperationException("the source broke");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync(UriOf("half.data"), async (stream, ct) =>
        {
            await stream.WriteAsync(RandomNumberGenerator.GetBytes(10_000), ct);
            throw failure;
        }, default));

        Assert.Same(failure, thrown);
        Assert.Empty(await ListAll($"s3://{Bucket}/"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(UriOf("half.data"), default));
    }

    [Fact]
    public async Task Keeps_the_previous_object_when_an_overwrite_throws()
    {
        await Store.WriteAsync(UriOf("kept.csv"), (stream, ct) => stream.WriteAsync("first"u8.ToArray(), ct).AsTask(), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync(UriOf("kept.csv"), async (stream, ct) =>
        {
            await stream.WriteAsync("replacement that fails"u8.ToArray(), ct);
            throw new InvalidOperationException();
        }, default));

        Assert.Equal("first", Encoding.UTF8.GetString(await ReadAll(UriOf("kept.csv"))));
        Assert.Single(await ListAll($"s3://{Bucket}/"));
    }

    [Fact]
    public async Task Shows_nothing_of_an_object_until_its_write_returns()
    {
        IReadOnlyList<StoredObject>? listedDuringWrite = null;
        Exception? openedDuringWrite = null;

        await Store.WriteAsync(UriOf("slow/object.data"), async (stream, ct) =>
        {
            await stream.WriteAsync(RandomNumberGenerator.GetBytes(50_000), ct);
            await stream.FlushAsync(ct);
            listedDuringWrite = await ListAll($"s3://{Bucket}/");
            openedDuringWrite = await Record.ExceptionAsync(() => Store.OpenReadAsync(UriOf("slow/object.data"), ct));
        }, default);

        Assert.Empty(listedDuringWrite!);
        Assert.IsType<FileNotFoundException>(openedDuringWrite);
        Assert.Equal(50_000, (await ReadAll(UriOf("slow/object.data"))).Length);
    }

    [Fact]
    public async Task Completes_the_object_when_the_callback_closes_the_stream()
    {
        await Store.WriteAsync(UriOf("test/1984.csv"), async (stream, ct) =>
        {
            await using var text = new StreamWriter(stream); // closes the stream it was given when disposed
            await text.WriteAsync("label,features\n1.5,0 1 0\n".AsMemory(), ct);
        }, default);

        Assert.Equal("label,features\n1.5,0 1 0\n", Encoding.UTF8.GetString(await ReadAll(UriOf("test/1984.csv"))));
    }

    [Fact]
    public async Task Lists_every_object_under_a_prefix_at_any_depth_in_key_order()
    {
        string[] keys = ["b/2", "a", "b/10", "b/1/x", "ba", "c/d/e", "b/\u00e9t\u00e9", "b/\U0001F600", "b/\uFFFD", "b/Z", "b/.hidden"];
        foreach (var (key, index) in keys.Select((k, i) => (k, i)))
            await Store.WriteAsync(UriOf(key), (stream, ct) => stream.WriteAsync(new byte[index + 1], ct).AsTask(), default);
        // S3's order is that of the keys' UTF-8 bytes.
        var byUtf8 = Comparer<string>.Create((x, y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));
        IReadOnlyList<StoredObject> Expected(string prefix) => keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(byUtf8)
            .Select(k => new StoredObject(UriOf(k), Array.IndexOf(keys, k) + 1))
            .ToList();

        Assert.Equal(Expected("b/"), await ListAll(UriOf("b/")));
        Assert.Equal(Expected("b"), await ListAll(UriOf("b")));       // a prefix, not a folder: "ba" too
        Assert.Equal(Expected("b/1"), await ListAll(UriOf("b/1")));   // "b/1/x" and "b/10"
        Assert.Equal(Expected(""), await ListAll($"s3://{Bucket}"));
        Assert.Empty(await ListAll(UriOf("nothing/")));
    }

    [Fact]
    public async Task Lists_nothing_in_a_bucket_that_does_not_exist()
    {
        Assert.Empty(await ListAll("s3://no-such-bucket-for-this-test/"));
    }

    [Fact]
    public async Task OpenRead_of_a_missing_object_throws_FileNotFoundException_naming_the_uri()
    {
        await Store.WriteAsync(UriOf("present.csv"), (stream, ct) => stream.WriteAsync(new byte[1], ct).AsTask(), default);

        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(UriOf("absent.csv"), default));

        Assert.Contains(UriOf("absent.csv"), missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_is_fine_when_it_is_already_gone()
    {
        await Store.WriteAsync(UriOf("gone/1.data"), (stream, ct) => stream.WriteAsync(new byte[10], ct).AsTask(), default);
        await Store.WriteAsync(UriOf("gone/2.data"), (stream, ct) => stream.WriteAsync(new byte[10], ct).AsTask(), default);

        await Store.DeleteAsync(UriOf("gone/1.data"), default);
        await Store.DeleteAsync(UriOf("gone/1.data"), default);
        await Store.DeleteAsync(UriOf("never/was.data"), default);
        await Store.DeleteAsync("s3://no-such-bucket-for-this-test/x", default);

        Assert.Equal([UriOf("gone/2.data")], (await ListAll(UriOf(""))).Select(o => o.Uri));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(UriOf("gone/1.data"), default));
    }

    protected static async Task WriteInPieces(Stream stream, byte[] content, int pieceSize, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < content.Length; offset += pieceSize)
            await stream.WriteAsync(content.AsMemory(offset, Math.Min(pieceSize, content.Length - offset)), cancellationToken);
    }

    protected async Task<byte[]> ReadAll(string uri)
    {
        await using var stream = await Store.OpenReadAsync(uri, default);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    protected async Task<IReadOnlyList<StoredObject>> ListAll(string prefixUri)
    {
        var found = new List<StoredObject>();
        await foreach (var stored in Store.ListAsync(prefixUri, default))
            found.Add(stored);
        return found;
    }
}
