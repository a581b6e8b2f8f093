using Pipeline.Contracts;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Tests.Doubles;

/// <summary>
/// An object store whose source objects (under s3://source/) are one year's text repeated up to a length, counting what
/// is read after a given token is cancelled; everything else goes to a real store.
/// </summary>
public sealed class YearStreamStore(IObjectStore objects, byte[] year, long length, CancellationToken watched) : IObjectStore
{
    private readonly byte[] _year = year;
    private readonly long _length = length;
    private readonly CancellationToken _watched = watched;
    private long _readAfterCancel;

    public const string SourcePrefix = "s3://source/events/";

    public long BytesReadAfterCancel => Interlocked.Read(ref _readAfterCancel);

    public Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken) =>
        uri.StartsWith(SourcePrefix, StringComparison.Ordinal)
            ? Task.FromResult<Stream>(new RepeatedStream(this))
            : objects.OpenReadAsync(uri, cancellationToken);

    public Task<StoredObject> WriteAsync(string uri, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        objects.WriteAsync(uri, write, cancellationToken);

    public IAsyncEnumerable<StoredObject> ListAsync(string prefixUri, CancellationToken cancellationToken) => objects.ListAsync(prefixUri, cancellationToken);

    public Task DeleteAsync(string uri, CancellationToken cancellationToken) => objects.DeleteAsync(uri, cancellationToken);

    private sealed class RepeatedStream(YearStreamStore store) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var from = (int)(_position % store._year.Length);
            var count = (int)Math.Min(Math.Min(buffer.Length, store._year.Length - from), store._length - _position);
            store._year.AsSpan(from, count).CopyTo(buffer);
            _position += count;
            if (store._watched.IsCancellationRequested)
                Interlocked.Add(ref store._readAfterCancel, count);
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
