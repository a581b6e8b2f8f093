using Pipeline.Data.Gdelt;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>
/// A year's stream that throws <see cref="OperationCanceledException"/> at its next read once the build is cancelled:
/// the reader and the transform read it synchronously, a megabyte at a time, and check nothing else, so this is what
/// stops them within a buffer of the cancellation.
/// </summary>
internal sealed class CancellableReadStream(Stream inner, CancellationToken cancellationToken) : ReadOnlyForwardStream(inner)
{
    public override int Read(Span<byte> buffer)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Inner.Read(buffer);
    }
}
