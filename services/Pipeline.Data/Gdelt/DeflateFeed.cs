namespace Pipeline.Data.Gdelt;

/// <summary>
/// The compressed bytes of a gzip or zip file on their way to a <see cref="System.IO.Compression.DeflateStream"/>, which
/// reads ahead of the deflate data's end and keeps what it over-read to itself, and says nothing when its input simply
/// stops. The feed keeps a copy of the last bytes it handed over (the deflate data ends in them), so they can be put
/// back and the trailer found after them, and notes whether the source ran dry while inflating: a truncated file.
/// Headers and trailers are read through <see cref="Peek"/> and <see cref="Skip"/>.
/// </summary>
internal sealed class DeflateFeed(Stream source) : ReadOnlyForwardStream(source)
{
    private byte[] _pending = new byte[1 << 16]; // read from the source, not yet consumed: [_start, _end)
    private int _start;
    private int _end;
    private byte[] _handed = new byte[1 << 16];
    private int _handedCount;
    private bool _sourceDry;

    /// <summary>The source ended while the inflater still wanted bytes (since <see cref="BeginInflating"/>).</summary>
    public bool RanDryWhileInflating { get; private set; }

    /// <summary>Bytes of the source consumed so far, for messages.</summary>
    public long Consumed { get; private set; }

    public void BeginInflating()
    {
        _handedCount = 0;
        RanDryWhileInflating = false;
    }

    /// <summary>The inflater's read: pending bytes first, then the source; a copy of what it gets is kept.</summary>
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        int read;
        if (_start < _end)
        {
            read = Math.Min(buffer.Length, _end - _start);
            _pending.AsSpan(_start, read).CopyTo(buffer);
            _start += read;
        }
        else
        {
            read = _sourceDry ? 0 : Inner.Read(buffer);
            _sourceDry |= read == 0;
            RanDryWhileInflating |= read == 0;
        }

        if (_handed.Length < read)
            _handed = new byte[read];
        buffer[..read].CopyTo(_handed);
        _handedCount = read;
        Consumed += read;
        return read;
    }

    /// <summary>Once the inflater has finished: puts back the bytes of its last read, in which its data ended.</summary>
    /// <returns>How many bytes were put back: the deflate data's end lies within the first this many of <see cref="Peek"/>.</returns>
    public int PutBackLastRead()
    {
        var count = _handedCount;
        if (_start < count)
        {
            var pending = _end - _start;
            var grown = new byte[Math.Max(_pending.Length, count + pending)];
            _pending.AsSpan(_start, pending).CopyTo(grown.AsSpan(count));
            _pending = grown;
            _start = count;
            _end = count + pending;
        }

        _start -= count;
        _handed.AsSpan(0, count).CopyTo(_pending.AsSpan(_start));
        _handedCount = 0;
        Consumed -= count;
        return count;
    }

    /// <summary>The next <paramref name="count"/> bytes without consuming them; fewer only at the source's end.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        if (_end - _start < count && !_sourceDry)
        {
            if (_pending.Length < count)
                Array.Resize(ref _pending, Math.Max(count, 2 * _pending.Length));
            _pending.AsSpan(_start, _end - _start).CopyTo(_pending);
            _end -= _start;
            _start = 0;
            while (_end < count && !_sourceDry)
            {
                var read = Inner.Read(_pending, _end, _pending.Length - _end);
                _sourceDry = read == 0;
                _end += read;
            }
        }

        return _pending.AsSpan(_start, Math.Min(count, _end - _start));
    }

    public void Skip(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _end - _start);
        _start += count;
        Consumed += count;
    }
}
