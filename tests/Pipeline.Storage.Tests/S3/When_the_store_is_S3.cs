using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Pipeline.Storage.S3;
using Pipeline.Testing;
using Xunit.Abstractions;

namespace Pipeline.Storage.Tests.S3;

/// <summary>The S3 adapter against moto_server: one server for the class, one bucket per test.</summary>
public sealed class When_the_store_is_S3(MotoServer moto, ITestOutputHelper output) : ObjectStoreBehaviour, IClassFixture<MotoServer>
{
    private const int MiB = 1 << 20;

    private readonly IAmazonS3 _client = moto.CreateS3Client();
    private readonly List<IDisposable> _clients = [];
    private S3ObjectStore? _store;

    protected override IObjectStore Store => _store ??= StoreWith(new S3StorageOptions { PartSizeBytes = S3StorageOptions.MinPartSizeBytes });

    public override async Task InitializeAsync()
    {
        output.WriteLine($"moto_server at {moto.EndpointUrl} answered {moto.StartTime.TotalMilliseconds:F0} ms after its start");
        await _client.PutBucketAsync(Bucket);
    }

    public override Task DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(MiB, 0)]
    [InlineData(5 * MiB, 0)]
    [InlineData(5 * MiB + 1, 2)]
    [InlineData(10 * MiB, 2)]
    [InlineData(10 * MiB + 7, 3)]
    public async Task Writes_one_PutObject_up_to_the_part_size_and_a_multipart_upload_above(int size, int expectedParts)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var store = StoreWith(new S3StorageOptions { PartSizeBytes = 5 * MiB });

        await store.WriteAsync(UriOf("sized.data"), (stream, ct) => WriteInPieces(stream, content, 100_000, ct), default);

        var head = await _client.GetObjectMetadataAsync(Bucket, "sized.data");
        // S3 (and moto) give a multipart object the ETag "<md5 of the parts' md5s>-<part count>".
        Assert.Equal(expectedParts == 0 ? "" : $"-{expectedParts}", Regex.Match(head.ETag, "-[0-9]+").Value);
        Assert.Equal(size, head.ContentLength);
        Assert.Equal(content, await ReadAll(UriOf("sized.data")));
    }

    [Fact]
    public async Task Writes_a_large_object_as_a_multipart_upload_without_changing_a_byte()
    {
        const int size = 40_000_000;
        var partSize = S3StorageOptions.MinPartSizeBytes;
        var store = StoreWith(new S3StorageOptions { PartSizeBytes = partSize });
        var content = new byte[size];
        new Random(1979).NextBytes(content);

        var stored = await store.WriteAsync(UriOf("big/1979.data"), async (stream, ct) =>
        {
            // Small writes, some synchronous, as a serializer would make them.
            for (var offset = 0; offset < size; offset += 65_536)
            {
                var piece = content.AsMemory(offset, Math.Min(65_536, size - offset));
                if (offset / 65_536 % 2 == 0)
                    await stream.WriteAsync(piece, ct);
                else
                    stream.Write(piece.Span);
            }
        }, default);

        var head = await _client.GetObjectMetadataAsync(Bucket, "big/1979.data");
        var parts = (size + partSize - 1) / partSize;
        Assert.EndsWith($"-{parts}\"", head.ETag, StringComparison.Ordinal);
        Assert.Equal(size, stored.SizeBytes);
        Assert.Equal(size, head.ContentLength);
        await using var read = await store.OpenReadAsync(UriOf("big/1979.data"), default);
        Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(read));
    }

    [Fact]
    public async Task Aborts_the_multipart_upload_when_the_callback_throws()
    {
        var store = StoreWith(new S3StorageOptions { PartSizeBytes = S3StorageOptions.MinPartSizeBytes });

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(UriOf("aborted.data"), async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[12 * MiB], ct); // two full parts sent, a third begun
            throw new InvalidOperationException("the source broke");
        }, default));

        var uploads = await _client.ListMultipartUploadsAsync(Bucket);
        Assert.Empty(uploads.MultipartUploads ?? []);
        Assert.Empty(await ListAll(UriOf("")));
    }

    [Fact]
    public async Task Lists_page_after_page()
    {
        var store = StoreWith(new S3StorageOptions { ListPageSize = 2 });
        var keys = Enumerable.Range(0, 7).Select(i => $"page/{i:D2}").ToList();
        foreach (var key in keys)
            await _client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = key });

        var listed = new List<string>();
        await foreach (var stored in store.ListAsync(UriOf("page/"), default))
            listed.Add(stored.Uri);

        Assert.Equal(keys.Select(UriOf), listed);
    }

    [Fact]
    public async Task Reads_a_public_bucket_without_credentials()
    {
        // GDELT's public layout, s3://gdelt-open-data/events/<year>.csv, readable by anyone. moto checks the bucket's
        // ACL for unsigned requests, so a private bucket read the same way shows that the requests really are unsigned.
        const string rows = "0\t19790101\t197901\t1979\n";
        await _client.PutBucketAsync(new PutBucketRequest { BucketName = "gdelt-open-data", CannedACL = S3CannedACL.PublicRead });
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "gdelt-open-data", Key = "events/1979.csv", ContentBody = rows, CannedACL = S3CannedACL.PublicRead,
        });
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "events/1979.csv", ContentBody = rows });
        var options = new S3StorageOptions { ServiceUrl = moto.EndpointUrl, AnonymousBuckets = ["gdelt-open-data", Bucket] };
        var store = new S3ObjectStore(_client, Track(S3ClientFactory.Anonymous(options)), options);

        var listed = new List<string>();
        await foreach (var stored in store.ListAsync("s3://gdelt-open-data/events/", default))
            listed.Add(stored.Uri);
        await using var read = await store.OpenReadAsync("s3://gdelt-open-data/events/1979.csv", default);
        using var text = new StreamReader(read, Encoding.UTF8);

        Assert.Equal(["s3://gdelt-open-data/events/1979.csv"], listed);
        Assert.Equal(rows, await text.ReadToEndAsync());
        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.OpenReadAsync(UriOf("events/1979.csv"), default));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        await using var signed = await StoreWith(new S3StorageOptions()).OpenReadAsync(UriOf("events/1979.csv"), default);
    }

    private S3ObjectStore StoreWith(S3StorageOptions options) =>
        new(_client, Track(S3ClientFactory.Anonymous(new S3StorageOptions { ServiceUrl = moto.EndpointUrl })), options);

    private IAmazonS3 Track(IAmazonS3 client)
    {
        _clients.Add(client);
        return client;
    }
}
