using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Pipeline.Contracts;

namespace Pipeline.Storage.Local;

/// <summary>
/// Objects as files: s3://bucket/key is &lt;root&gt;/bucket/key. A write goes to a temporary file beside the object
/// and is renamed over it once complete, so a reader (or a crash) never meets half an object. A killed process leaves
/// its temporary file behind: the first write into a folder removes those not written to for
/// <see cref="StaleTemporaryAge"/> (a write in progress touches its file all the time).
/// </summary>
public sealed class LocalFolderObjectStore : IObjectStore
{
    /// <summary>Ends the names of files being written; keys may not use it, and listings skip it.</summary>
    public const string TemporarySuffix = ".~tmp";

    private static readonly EnumerationOptions Everything = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.None, // dot files count as hidden on Unix; they are objects like any other
        IgnoreInaccessible = false,
    };

    private readonly ConcurrentDictionary<string, bool> _sweptFolders = new(StringComparer.Ordinal);

    /// <param name="staleTemporaryAge">How long unwritten a temporary file must be to count as a crashed write's (1 hour by default).</param>
    public LocalFolderObjectStore(string root, TimeSpan? staleTemporaryAge = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        StaleTemporaryAge = staleTemporaryAge ?? TimeSpan.FromHours(1);
    }

    public string Root { get; }

    public TimeSpan StaleTemporaryAge { get; }

    public Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken)
    {
        var path = ObjectPath(S3Uri.Parse(uri));
        try
        {
            Stream stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 1 << 16,
            });
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
                                  || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            throw new FileNotFoundException($"No object at {uri}.", path, e);
        }
    }

    public async Task<StoredObject> WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var address = S3Uri.Parse(uri);
        var path = ObjectPath(address);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        if (_sweptFolders.TryAdd(folder, true))
            RemoveStaleTemporaries(folder);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
                if (file.CanWrite) // the callback may have closed it, which flushed it
                {
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    file.Flush(flushToDisk: true); // the rename must not reach the disk before the bytes do
                }
            }

            var size = new FileInfo(temporary).Length;
            File.Move(temporary, path, overwrite: true);
            return new StoredObject(address.ToString(), size);
        }
        catch
        {
            File.Delete(temporary); // no exception when it is already gone
            throw;
        }
    }

    private void RemoveStaleTemporaries(string folder)
    {
        var stale = DateTime.UtcNow - StaleTemporaryAge;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles($"*{TemporarySuffix}"))
        {
            try
            {
                if (file.LastWriteTimeUtc < stale)
                    file.Delete();
            }
            catch (IOException)
            {
                // gone already, or in use: left for a later sweep
            }
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefixUri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = S3Uri.Parse(prefixUri);
        var found = await Task.Run(() => Find(prefix), cancellationToken).ConfigureAwait(false);
        foreach (var (key, size) in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StoredObject(new S3Uri(prefix.Bucket, key).ToString(), size);
        }
    }

    public Task DeleteAsync(string uri, CancellationToken cancellationToken)
    {
        var path = ObjectPath(S3Uri.Parse(uri));
        try
        {
            if (!Directory.Exists(path))
                File.Delete(path); // no exception for a missing file
        }
        catch (DirectoryNotFoundException)
        {
            // nor for a missing folder on the way to it
        }

        return Task.CompletedTask;
    }

    public Task<string?> VersionAsync(string uri, CancellationToken cancellationToken)
    {
        var file = new FileInfo(ObjectPath(S3Uri.Parse(uri)));
        // Every write renames a new file over the object, so its last-write time moves with each write.
        return Task.FromResult(file.Exists
            ? $"{file.Length}@{file.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : null);
    }

    private List<(string Key, long Size)> Find(S3Uri prefix)
    {
        var bucketFolder = BucketFolder(prefix.Bucket);
        var lastSlash = prefix.Key.LastIndexOf('/');
        var folders = lastSlash < 0 ? "" : prefix.Key[..lastSlash];
        if (folders.Length > 0)
            CheckKey(prefix.Key, folders);
        else if (prefix.Key.AsSpan().IndexOfAny('\\', '\0') >= 0)
            throw KeyRejected(prefix.Key, "backslashes and NUL characters are not allowed");

        var start = Inside(Path.Combine(bucketFolder, folders), prefix.Key);
        var found = new List<(string Key, long Size)>();
        if (!Directory.Exists(start))
            return found;
        foreach (var file in new DirectoryInfo(start).EnumerateFiles("*", Everything))
        {
            if (file.Name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
                continue;
            var key = Path.GetRelativePath(bucketFolder, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix.Key, StringComparison.Ordinal))
                found.Add((key, file.Length));
        }

        found.Sort(static (a, b) => KeyOrder.Instance.Compare(a.Key, b.Key));
        return found;
    }

    private string ObjectPath(S3Uri address)
    {
        if (address.Key.Length == 0)
            throw KeyRejected(address.Key, "an object needs a key; s3://bucket/ is only a prefix");
        CheckKey(address.Key, address.Key);
        return Inside(Path.Combine(BucketFolder(address.Bucket), address.Key), address.Key);
    }

    private string BucketFolder(string bucket) => Path.Combine(Root, bucket);

    /// <summary>Checks the '/'-separated <paramref name="path"/> (all of a key, or the folders of a prefix) names a place under the bucket.</summary>
    private static void CheckKey(string key, string path)
    {
        if (path.StartsWith('/'))
            throw KeyRejected(key, "it may not start with '/' (an absolute path)");
        if (path.AsSpan().IndexOfAny('\\', '\0') >= 0)
            throw KeyRejected(key, "backslashes and NUL characters are not allowed");
        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path.AsSpan(range);
            if (segment.IsEmpty || segment is "." || segment is "..")
                throw KeyRejected(key, "empty, '.' and '..' path segments are not allowed");
            if (segment.EndsWith(TemporarySuffix, StringComparison.Ordinal))
                throw KeyRejected(key, $"names ending in '{TemporarySuffix}' are reserved for writes in progress");
        }
    }

    /// <summary>The last line of defence: whatever the checks above missed, nothing outside the root is touched.</summary>
    private string Inside(string path, string key)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw KeyRejected(key, "it leads outside the store's root folder");
    }

    private static ArgumentException KeyRejected(string key, string why) =>
        new($"The key '{key.Replace("\0", "\\0", StringComparison.Ordinal)}' is not allowed in a local object store: {why}.");
}
