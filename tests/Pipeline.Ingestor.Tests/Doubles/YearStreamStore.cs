using Pipeline.Contracts;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Tests.Doubles;

/// <summary>
/// An object store whose source objects (under s3://source/) are one year's text repeated up to a length; once
/// <paramref name="cancelAt"/> bytes are read it calls <paramref name="cancel"/> and counts what is read after it.
/// Everything else goes to a real store.
/// </summary>
public sealed class YearStreamStore(IObjectStore objects, byte[] year, long length, long cancelAt, Action cancel) : IObjectStore
{
    private readonly byte[] _year = year;
    private readonly long _length = length;
    private readonly long _cancelAt = cancelAt;
    private readonly Action _cancel = cancel;
    private long _read;
    private long _readAfterCancel;
    private int _cancelled;

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
            if (Volatile.Read(ref store._cancelled) == 1)
                Interlocked.Add(ref store._readAfterCancel, count);
            else if (Interlocked.Add(ref store._read, count) >= store._cancelAt && Interlocked.Exchange(ref store._cancelled, 1) == 0)
                store._cancel();
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
