using Pipeline.Aws.SageMaker;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>What one host received of a channel.</summary>
public readonly record struct HostShare(int Objects, long Bytes);

/// <summary>
/// Lays a channel's objects out in the hosts' channel folders (File mode), each under its key relative to the data
/// source: for S3Prefix, the key less the prefix's folder part (s3://b/data/train/1979.data under s3://b/data/train/
/// lands as 1979.data; a prefix naming one file lands as that file's name); for ManifestFile, the manifest's relative
/// key. FullyReplicated gives every host every object; ShardedByS3Key follows <see cref="ShardedByS3Key"/>. Gzip objects
/// land as stored. Each object is read from the store once; further hosts get a copy of the first host's file.
/// </summary>
public sealed class ChannelDownloader(IObjectStore store, int concurrency)
{
    private const int MaxManifestBytes = 64 << 20;

    /// <summary>Downloads <paramref name="channel"/> to every host; returns what each host got, in host order.</summary>
    public async Task<HostShare[]> DownloadAsync(Channel channel, IReadOnlyList<TrainingHost> hosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(hosts);
        var source = channel.DataSource!.S3DataSource!;
        var name = channel.ChannelName!;
        var objects = source.S3DataType == "ManifestFile"
            ? await ManifestObjectsAsync(source.S3Uri!, name, cancellationToken).ConfigureAwait(false)
            : await PrefixObjectsAsync(source.S3Uri!, cancellationToken).ConfigureAwait(false);
        if (objects.Count == 0)
            throw new ClientErrorException($"ClientError: No S3 objects found under S3 URL \"{source.S3Uri}\" given in input data source of channel {name}.");
        objects.Sort((a, b) => KeyOrder.Instance.Compare(a.Uri, b.Uri));

        var sharded = source.S3DataDistributionType == "ShardedByS3Key";
        var shares = new long[hosts.Count, 2];
        foreach (var host in hosts)
            Directory.CreateDirectory(host.Folders.Channel(name));
        await Parallel.ForEachAsync(
            Enumerable.Range(0, objects.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                int[] targets = sharded ? [ShardedByS3Key.HostIndex(i, hosts.Count)] : [.. Enumerable.Range(0, hosts.Count)];
                var size = await PlaceAsync(objects[i], name, targets.Select(t => hosts[t]).ToList(), ct).ConfigureAwait(false);
                lock (shares)
                {
                    foreach (var t in targets)
                    {
                        shares[t, 0]++;
                        shares[t, 1] += size;
                    }
                }
            }).ConfigureAwait(false);
        return [.. Enumerable.Range(0, hosts.Count).Select(h => new HostShare((int)shares[h, 0], shares[h, 1]))];
    }

    private async Task<List<(string Uri, string RelativePath)>> PrefixObjectsAsync(string uri, CancellationToken cancellationToken)
    {
        var prefix = S3Uri.Parse(uri);
        var folder = prefix.Key[..(prefix.Key.LastIndexOf('/') + 1)];
        var objects = new List<(string, string)>();
        try
        {
            await foreach (var found in store.ListAsync(uri, cancellationToken).ConfigureAwait(false))
            {
                var key = S3Uri.Parse(found.Uri).Key;
                if (!key.EndsWith('/')) // "folder" placeholder objects hold no data
                    objects.Add((found.Uri, key[folder.Length..]));
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException)
        {
            throw new ClientErrorException($"ClientError: Could not list the objects under \"{uri}\": {e.Message}", e);
        }

        return objects;
    }

    private async Task<List<(string Uri, string RelativePath)>> ManifestObjectsAsync(string manifestUri, string channel, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await store.OpenReadAsync(manifestUri, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (buffer.Length > MaxManifestBytes)
                    throw new ClientErrorException($"ClientError: The manifest file \"{manifestUri}\" of channel {channel} is larger than {MaxManifestBytes >> 20} MiB.");
                return ManifestFile.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
        }
        catch (FormatException e)
        {
            throw new ClientErrorException($"ClientError: The manifest file \"{manifestUri}\" of channel {channel} is not valid: {e.Message}.", e);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException)
        {
            throw new ClientErrorException($"ClientError: Could not read the manifest file \"{manifestUri}\" of channel {channel}: {e.Message}", e);
        }
    }

    /// <summary>Downloads the object into the first host's folder and copies it to the others; returns its size.</summary>
    private async Task<long> PlaceAsync((string Uri, string RelativePath) item, string channel, List<TrainingHost> targets, CancellationToken cancellationToken)
    {
        try
        {
            var first = FileFor(targets[0], channel, item.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(first)!);
            var source = await store.OpenReadAsync(item.Uri, cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var file = new FileStream(first, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                    await source.CopyToAsync(file, 1 << 20, cancellationToken).ConfigureAwait(false);
            }

            foreach (var host in targets.Skip(1))
            {
                var copy = FileFor(host, channel, item.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(first, copy);
            }

            return new FileInfo(first).Length;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException)
        {
            throw new ClientErrorException($"ClientError: Data download failed for \"{item.Uri}\" (channel {channel}): {e.Message}", e);
        }
    }

    /// <summary>The file a relative key lands in; a key that would leave the channel folder ("..") is refused.</summary>
    private static string FileFor(TrainingHost host, string channel, string relativePath)
    {
        var folder = Path.GetFullPath(host.Folders.Channel(channel)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(folder, relativePath));
        return path.StartsWith(folder, StringComparison.Ordinal) && path.Length > folder.Length
            ? path
            : throw new ArgumentException($"the key '{relativePath}' does not name a file inside the channel folder");
    }
}
