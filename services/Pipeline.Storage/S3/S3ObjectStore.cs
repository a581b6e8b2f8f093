using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Pipeline.Contracts;

namespace Pipeline.Storage.S3;

/// <summary>
/// Objects in S3 (or an S3-compatible endpoint). Reads stream the response body; writes go out part by part as the
/// callback writes (see <see cref="S3UploadStream"/>). Buckets in <see cref="S3StorageOptions.AnonymousBuckets"/> are
/// read and listed through <paramref name="anonymousClient"/>, which sends no credentials.
/// </summary>
/// <param name="client">Signs requests with the credentials it was given (or found).</param>
/// <param name="anonymousClient">Sends unsigned requests, for public buckets.</param>
public sealed class S3ObjectStore(IAmazonS3 client, IAmazonS3 anonymousClient, S3StorageOptions options) : IObjectStore
{
    private readonly int _partSize = checked((int)options.PartSizeBytes);

    public async Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken)
    {
        var address = S3Uri.Parse(uri);
        try
        {
            var response = await ReaderFor(address.Bucket).GetObjectAsync(address.Bucket, address.Key, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No object at {uri} ({e.ErrorCode}).", uri, e);
        }
    }

    public async Task<StoredObject> WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var address = S3Uri.Parse(uri);
        if (address.Key.Length == 0)
            throw new ArgumentException($"{uri} names no object: the key is empty.", nameof(uri));
        var upload = new S3UploadStream(client, address, _partSize, cancellationToken);
        try
        {
            await write(upload, cancellationToken).ConfigureAwait(false);
            await upload.CompleteAsync().ConfigureAwait(false);
            return new StoredObject(address.ToString(), upload.Length);
        }
        catch
        {
            await upload.AbortAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            upload.ReturnBuffers();
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefixUri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = S3Uri.Parse(prefixUri);
        var reader = ReaderFor(prefix.Bucket);
        var request = new ListObjectsV2Request { BucketName = prefix.Bucket, Prefix = prefix.Key, MaxKeys = options.ListPageSize };
        while (true)
        {
            ListObjectsV2Response page;
            try
            {
                page = await reader.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                yield break; // no bucket, no objects
            }

            foreach (var found in page.S3Objects ?? [])
                yield return new StoredObject(new S3Uri(prefix.Bucket, found.Key).ToString(), found.Size ?? 0);
            if (page.IsTruncated != true)
                yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async Task DeleteAsync(string uri, CancellationToken cancellationToken)
    {
        var address = S3Uri.Parse(uri);
        try
        {
            await client.DeleteObjectAsync(address.Bucket, address.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // S3 answers 204 for a missing key already; a missing bucket holds no object either
        }
    }

    public async Task<string?> VersionAsync(string uri, CancellationToken cancellationToken)
    {
        var address = S3Uri.Parse(uri);
        try
        {
            var metadata = await ReaderFor(address.Bucket).GetObjectMetadataAsync(address.Bucket, address.Key, cancellationToken).ConfigureAwait(false);
            return metadata.ETag;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null; // without s3:ListBucket, S3 answers 403 for a missing key; reading it will say what is wrong
        }
    }

    private IAmazonS3 ReaderFor(string bucket) => options.ReadsAnonymously(bucket) ? anonymousClient : client;
}
