using System.Buffers;

namespace Pipeline.Data.IO;

/// <summary>
/// Collects small writes in one pooled buffer and hands them to the stream in large blocks. Writers ask for a span
/// of the size they need, fill it and advance; nothing is allocated per write.
/// </summary>
internal sealed class PooledStreamWriter : IBufferWriter<byte>, IDisposable, IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[]? _buffer;
    private int _length;

    public PooledStreamWriter(Stream stream, int bufferSize, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>Bytes accepted so far, whether or not they have reached the stream yet.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>A span of exactly <paramref name="size"/> bytes to fill; call <see cref="Advance"/> after.</summary>
    public Span<byte> GetSpan(int size)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PooledStreamWriter));
        if (buffer.Length - _length < size)
            buffer = MakeRoom(size);
        return buffer.AsSpan(_length, size);
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => GetSpan(Math.Max(sizeHint, 1));

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        GetSpan(Math.Max(sizeHint, 1));
        return _buffer!.AsMemory(_length);
    }

    public void Advance(int count)
    {
        _length += count;
        BytesWritten += count;
    }

    public void Flush()
    {
        WriteBuffered();
        _stream.Flush();
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PooledStreamWriter));
        if (_length > 0)
        {
            await _stream.WriteAsync(buffer.AsMemory(0, _length), cancellationToken);
            _length = 0;
        }

        await _stream.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_buffer is null)
            return;
        try
        {
            Flush();
        }
        finally
        {
            Release();
            if (!_leaveOpen)
                _stream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_buffer is null)
            return;
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        finally
        {
            Release();
            if (!_leaveOpen)
                await _stream.DisposeAsync();
        }
    }

    private byte[] MakeRoom(int size)
    {
        WriteBuffered();
        if (_buffer!.Length < size)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(size);
        }

        return _buffer;
    }

    private void WriteBuffered()
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PooledStreamWriter));
        if (_length == 0)
            return;
        _stream.Write(buffer, 0, _length);
        _length = 0;
    }

    private void Release()
    {
        ArrayPool<byte>.Shared.Return(_buffer!);
        _buffer = null;
        _length = 0;
    }
}
