namespace Pipeline.Data.Gdelt;

/// <summary>The next <c>length</c> bytes of a stream, read-only (a stored zip entry).</summary>
internal sealed class LengthLimitedStream(Stream inner, long length) : ReadOnlyForwardStream(inner)
{
    private long _remaining = length;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0)
            return 0;
        // A cut-off archive simply ends early, like a cut-off plain file: the reader counts its truncated last line.
        var read = Inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining = read == 0 ? 0 : _remaining - read;
        return read;
    }
}
