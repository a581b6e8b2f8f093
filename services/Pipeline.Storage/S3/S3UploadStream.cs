using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;

namespace Pipeline.Storage.S3;

/// <summary>
/// The write-only stream a write callback is given. It fills a part-sized buffer; a full buffer becomes a part of a
/// multipart upload (started then), uploaded while the next buffer fills, so at most two parts are in memory. An
/// object that never fills one buffer becomes a single PutObject. Nothing is visible until <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class S3UploadStream(IAmazonS3 client, S3Uri target, int partSize, CancellationToken uploadCancellation) : Stream
{
    private readonly List<UploadPartResponse> _parts = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(partSize);
    private byte[]? _sending;
    private int _filled;
    private long _length;
    private string? _uploadId;
    private Task<UploadPartResponse>? _inFlight;
    private bool _closed;

    public bool UsedMultipart => _uploadId is not null;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_closed;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_filled == partSize) // sent only once more follows, so an object of exactly one part is one PutObject
                SendFullBufferAsync().GetAwaiter().GetResult();
            buffer = buffer[Fill(buffer)..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            if (_filled == partSize)
                await SendFullBufferAsync().ConfigureAwait(false);
            buffer = buffer[Fill(buffer.Span)..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        // Parts go out as they fill; the rest goes when the write callback has returned.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Makes the object appear: one PutObject, or the last part and CompleteMultipartUpload.</summary>
    public async Task CompleteAsync()
    {
        _closed = true;
        if (_uploadId is null)
        {
            using var body = new MemoryStream(_buffer, 0, _filled, writable: false);
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = target.Bucket,
                Key = target.Key,
                InputStream = body,
                AutoCloseStream = false,
            }, uploadCancellation).ConfigureAwait(false);
            return;
        }

        await SendFullBufferAsync().ConfigureAwait(false); // the last part, never empty: parts go only once more follows
        await AwaitInFlightAsync().ConfigureAwait(false);
        var complete = new CompleteMultipartUploadRequest { BucketName = target.Bucket, Key = target.Key, UploadId = _uploadId };
        complete.AddPartETags(_parts);
        await client.CompleteMultipartUploadAsync(complete, uploadCancellation).ConfigureAwait(false);
    }

    /// <summary>Abandons the upload so that no object and no stored parts remain.</summary>
    public async Task AbortAsync()
    {
        _closed = true;
        if (_inFlight is not null)
        {
            try
            {
                await _inFlight.ConfigureAwait(false);
            }
            catch
            {
                // the part is abandoned with the rest
            }
        }

        if (_uploadId is not null)
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = target.Bucket,
                Key = target.Key,
                UploadId = _uploadId,
            }, CancellationToken.None).ConfigureAwait(false); // aborting is the clean-up of a cancelled write too
    }

    /// <summary>Returns the buffers; called by the store after completing or aborting, not by Dispose, which the callback may call.</summary>
    public void ReturnBuffers()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        if (_sending is not null)
            ArrayPool<byte>.Shared.Return(_sending);
        _buffer = [];
        _sending = null;
    }

    protected override void Dispose(bool disposing)
    {
        _closed = true;
        base.Dispose(disposing);
    }

    private int Fill(ReadOnlySpan<byte> source)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var taken = Math.Min(source.Length, partSize - _filled);
        source[..taken].CopyTo(_buffer.AsSpan(_filled));
        _filled += taken;
        _length += taken;
        return taken;
    }

    private async Task SendFullBufferAsync()
    {
        _uploadId ??= (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = target.Bucket,
            Key = target.Key,
        }, uploadCancellation).ConfigureAwait(false)).UploadId;

        await AwaitInFlightAsync().ConfigureAwait(false);
        if (_parts.Count == S3StorageOptions.MaxPartCount)
            throw new InvalidOperationException(
                $"{target} would need more than {S3StorageOptions.MaxPartCount} parts of {partSize} bytes; raise Storage:S3:PartSizeBytes.");

        var full = _buffer;
        _buffer = _sending ?? ArrayPool<byte>.Shared.Rent(partSize);
        _sending = full;
        _inFlight = UploadPartAsync(_parts.Count + 1, full, _filled);
        _filled = 0;
    }

    private async Task AwaitInFlightAsync()
    {
        if (_inFlight is null)
            return;
        var sent = _inFlight;
        _inFlight = null;
        _parts.Add(await sent.ConfigureAwait(false));
    }

    private async Task<UploadPartResponse> UploadPartAsync(int partNumber, byte[] part, int count)
    {
        using var body = new MemoryStream(part, 0, count, writable: false);
        var response = await client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = target.Bucket,
            Key = target.Key,
            UploadId = _uploadId,
            PartNumber = partNumber,
            PartSize = count,
            InputStream = body,
        }, uploadCancellation).ConfigureAwait(false);
        response.PartNumber ??= partNumber;
        return response;
    }
}
