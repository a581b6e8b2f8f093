using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Training;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Transform;

/// <summary>One input object and the name its output takes under S3OutputPath (with .out added).</summary>
public sealed record TransformInputObject(string Uri, string RelativePath)
{
    public string OutputUri(string s3OutputPath) => $"{s3OutputPath.TrimEnd('/')}/{RelativePath}.out";
}

/// <summary>
/// The objects a transform reads, named as SageMaker names their outputs: for S3Prefix, the key less the prefix's
/// folder part (s3://b/in/part-1.csv under s3://b/in/ is part-1.csv; a prefix naming one object gives that object's
/// name), in key order; for ManifestFile, the manifest's relative keys in manifest order.
/// </summary>
public static class TransformInputObjects
{
    private const int MaxManifestBytes = 64 << 20;

    /// <exception cref="TransformFailedException">Nothing to read, or the manifest cannot be read.</exception>
    public static async Task<List<TransformInputObject>> ListAsync(IObjectStore store, TransformS3DataSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        var uri = source.S3Uri!;
        List<TransformInputObject> objects;
        try
        {
            objects = source.S3DataType == "ManifestFile"
                ? await ManifestAsync(store, uri, cancellationToken).ConfigureAwait(false)
                : await PrefixAsync(store, uri, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException)
        {
            throw new TransformFailedException($"ClientError: Could not read the input at \"{uri}\": {e.Message}", e);
        }

        if (objects.Count == 0)
            throw new TransformFailedException($"ClientError: No S3 objects found under S3 URL \"{uri}\" given in the transform input.");
        return objects;
    }

    private static async Task<List<TransformInputObject>> PrefixAsync(IObjectStore store, string uri, CancellationToken cancellationToken)
    {
        var prefix = S3Uri.Parse(uri);
        var folder = prefix.Key[..(prefix.Key.LastIndexOf('/') + 1)];
        var objects = new List<TransformInputObject>();
        await foreach (var found in store.ListAsync(uri, cancellationToken).ConfigureAwait(false))
        {
            var key = S3Uri.Parse(found.Uri).Key;
            if (!key.EndsWith('/')) // "folder" placeholder objects hold no data
                objects.Add(new TransformInputObject(found.Uri, key[folder.Length..]));
        }

        return objects;
    }

    private static async Task<List<TransformInputObject>> ManifestAsync(IObjectStore store, string manifestUri, CancellationToken cancellationToken)
    {
        var stream = await store.OpenReadAsync(manifestUri, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (buffer.Length > MaxManifestBytes)
                throw new TransformFailedException($"ClientError: The manifest file \"{manifestUri}\" is larger than {MaxManifestBytes >> 20} MiB.");
            try
            {
                return [.. ManifestFile.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)).Select(e => new TransformInputObject(e.Uri, e.RelativePath))];
            }
            catch (FormatException e)
            {
                throw new TransformFailedException($"ClientError: The manifest file \"{manifestUri}\" is not valid: {e.Message}.", e);
            }
        }
    }
}
