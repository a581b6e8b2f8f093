using System.Globalization;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// Reads text/csv rows of numbers (no header, comma separated, blank lines skipped) straight from UTF-8 bytes into a
/// reused float buffer: nothing is allocated per row.
/// </summary>
internal sealed class CsvRowReader(Stream stream)
{
    private byte[] _buffer = new byte[1 << 20];
    private float[] _values = new float[64];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>1-based number of the line last read.</summary>
    public long Line { get; private set; }

    /// <summary>The next non-blank line's values, valid until the next call; false at the end.</summary>
    public bool TryRead(out ReadOnlySpan<float> values)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line;
            if (newline >= 0)
            {
                line = pending[..newline];
                _start += newline + 1;
            }
            else if (!_endOfStream)
            {
                Fill();
                continue;
            }
            else if (pending.IsEmpty)
            {
                values = default;
                return false;
            }
            else
            {
                line = pending;
                _start = _end;
            }

            Line++;
            line = line.TrimEnd((byte)'\r');
            if (line.Trim((byte)' ').IsEmpty)
                continue;
            values = Parse(line);
            return true;
        }
    }

    private ReadOnlySpan<float> Parse(ReadOnlySpan<byte> line)
    {
        var count = 0;
        while (true)
        {
            var comma = line.IndexOf((byte)',');
            var field = comma >= 0 ? line[..comma] : line;
            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new InvalidDataException(
                    $"line {Line}, column {count + 1}: '{System.Text.Encoding.UTF8.GetString(field)}' is not a number");
            if (count == _values.Length)
                Array.Resize(ref _values, _values.Length * 2);
            _values[count++] = value;
            if (comma < 0)
                return _values.AsSpan(0, count);
            line = line[(comma + 1)..];
        }
    }

    private void Fill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _endOfStream = true;
        _end += read;
    }
}
