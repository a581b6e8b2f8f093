using Pipeline.Contracts;

namespace Pipeline.Storage;

/// <summary>
/// Objects addressed by s3://bucket/key URIs, whatever holds them. Writes are all-or-nothing: a reader never sees
/// half an object, and a failed write leaves no object behind.
/// </summary>
public interface IObjectStore
{
    /// <summary>Opens an object for reading, streaming; throws <see cref="FileNotFoundException"/> when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces an object with what <paramref name="write"/> writes to the stream it is given. The object
    /// appears only once <paramref name="write"/> has returned; if it throws, nothing appears.
    /// </summary>
    Task<StoredObject> WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>Objects whose URI starts with <paramref name="prefixUri"/>, in key order.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefixUri, CancellationToken cancellationToken);

    /// <summary>Deletes an object; a missing one counts as deleted.</summary>
    Task DeleteAsync(string uri, CancellationToken cancellationToken);

    /// <summary>
    /// What changes whenever the object's content does (S3's ETag, a file's last-write time), or null when the object
    /// does not exist or the store cannot tell.
    /// </summary>
    Task<string?> VersionAsync(string uri, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
