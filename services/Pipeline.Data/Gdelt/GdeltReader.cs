using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// Streams the rows of one GDELT 1.0 event file (tab-separated, no header, 57 or 58 columns, LF or CRLF) from
/// UTF-8 bytes, parsing only the seven columns of <see cref="GdeltEvent"/>. Lines are cut out of one pooled
/// buffer that grows only for a line longer than itself, up to <c>maxLineBytes</c>; no string is made per field.
/// Every line is either returned or counted in <see cref="Report"/> under a <see cref="GdeltMalformedReason"/>.
/// </summary>
public sealed class GdeltReader : IDisposable
{
    public const int DefaultBufferBytes = 1 << 20;

    /// <summary>Real rows are under 2 KB; a longer line than this is garbage, counted and skipped.</summary>
    public const int DefaultMaxLineBytes = 16 << 20;

    private const byte Tab = (byte)'\t';
    private const byte NewLine = (byte)'\n';

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private readonly int[] _tabs = new int[TabPositions.BufferLength];
    private byte[] _buffer;
    private int _start;     // first byte of the pending line
    private int _end;       // end of the bytes read
    private int _searched;  // bytes after _start known to hold no newline
    private bool _endOfStream;
    private bool _skippingLongLine;
    private long _line;     // lines completed so far
    private int _checkedEnd; // just past the last newline of the block CheckBlock validated at once
    private bool _checkedValid;

    /// <param name="utf8">The file's text (see <see cref="GdeltFiles.OpenText"/> for compressed files); disposed with the reader.</param>
    /// <param name="sourceName">Names the file in the report.</param>
    public GdeltReader(Stream utf8, string sourceName, int bufferBytes = DefaultBufferBytes, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _stream = utf8;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        Report = new GdeltReadReport(sourceName);
    }

    public GdeltReadReport Report { get; }

    /// <summary>The next well-formed row; false at the end of the stream.</summary>
    public bool TryRead(out GdeltEvent row)
    {
        while (true)
        {
            var newLine = _buffer.AsSpan(_start + _searched, _end - _start - _searched).IndexOf(NewLine);
            if (newLine >= 0)
            {
                var length = _searched + newLine;
                var line = _buffer.AsSpan(_start, length);
                var knownValid = _start + length < _checkedEnd ? _checkedValid : CheckBlock(_start);
                _start += length + 1;
                _searched = 0;
                _line++;
                if (_skippingLongLine)
                {
                    _skippingLongLine = false; // counted when it outgrew the limit
                    continue;
                }

                if (line.Length > _maxLineBytes)
                {
                    Report.CountMalformed(GdeltMalformedReason.LineTooLong, _line);
                    continue;
                }

                if (TryParse(line, terminated: true, knownValid, _line, out row))
                    return true;
                continue;
            }

            _searched = _end - _start;
            if (_endOfStream)
            {
                if (_start < _end && !_skippingLongLine)
                {
                    var line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    _searched = 0;
                    _line++;
                    if (TryParse(line, terminated: false, knownValid: false, _line, out row))
                        return true;
                }

                row = default;
                return false;
            }

            Fill();
        }
    }

    /// <summary>
    /// Validates the UTF-8 of every complete line from <paramref name="from"/> to the buffer's last newline at once
    /// (one call over a megabyte, where a call a line cost a tenth of the reader's time); the lines of a block that
    /// fails are then validated one by one.
    /// </summary>
    private bool CheckBlock(int from)
    {
        var lastNewLine = _buffer.AsSpan(from, _end - from).LastIndexOf(NewLine);
        _checkedEnd = from + lastNewLine + 1;
        _checkedValid = Utf8.IsValid(_buffer.AsSpan(from, lastNewLine + 1));
        return _checkedValid;
    }

    private void Fill()
    {
        _checkedEnd = 0; // the block's lines are all read: only the pending line, after its last newline, stays
        if (_skippingLongLine)
        {
            _start = _end = _searched = 0;
        }
        else if (_start > 0)
        {
            // Only the start of one line is pending here (no newline in it), so this moves little.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end > _maxLineBytes)
        {
            Report.CountMalformed(GdeltMalformedReason.LineTooLong, _line + 1);
            _skippingLongLine = true;
            _start = _end = _searched = 0;
        }
        else if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * _buffer.Length, _maxLineBytes + 1L));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _endOfStream = true;
        _end += read;
    }

    /// <param name="knownValid">The line is known to be valid UTF-8 (its block was); otherwise it is checked here.</param>
    private bool TryParse(ReadOnlySpan<byte> line, bool terminated, bool knownValid, long lineNumber, out GdeltEvent row)
    {
        row = default;
        if (line.Length > 0 && line[^1] == (byte)'\r')
            line = line[..^1];

        var tabs = _tabs.AsSpan();
        var columns = TabPositions.Find(line, tabs, from: GdeltColumns.EventCode - 1, to: GdeltColumns.Actor2GeoLong + 1) + 1;
        if (!terminated && columns < GdeltColumns.HistoricalCount)
            return Malformed(GdeltMalformedReason.TruncatedLastLine, lineNumber);
        if (!knownValid && !Utf8.IsValid(line))
            return Malformed(GdeltMalformedReason.InvalidUtf8, lineNumber);
        if (columns is not (GdeltColumns.HistoricalCount or GdeltColumns.DailyCount))
            return Malformed(GdeltMalformedReason.WrongColumnCount, lineNumber);

        // The column count is known, so every field up to Actor2Geo_Long is followed by a tab.
        var eventCode = Field(line, tabs, GdeltColumns.EventCode);
        var numArticles = Field(line, tabs, GdeltColumns.NumArticles);
        var avgTone = Field(line, tabs, GdeltColumns.AvgTone);
        var actor1Lat = Field(line, tabs, GdeltColumns.Actor1GeoLat);
        var actor1Long = Field(line, tabs, GdeltColumns.Actor1GeoLong);
        var actor2Lat = Field(line, tabs, GdeltColumns.Actor2GeoLat);
        var actor2Long = Field(line, tabs, GdeltColumns.Actor2GeoLong);

        if (eventCode.IsEmpty)
            return Malformed(GdeltMalformedReason.MissingEventCode, lineNumber);
        var notFinite = false;
        if (!TryParseEventCode(eventCode, out var code)
            || !TryParseNumber(numArticles, out var articles, ref notFinite)
            || !TryParseNumber(avgTone, out var tone, ref notFinite)
            || !TryParseCoordinate(actor1Lat, out var lat1, ref notFinite)
            || !TryParseCoordinate(actor1Long, out var long1, ref notFinite)
            || !TryParseCoordinate(actor2Lat, out var lat2, ref notFinite)
            || !TryParseCoordinate(actor2Long, out var long2, ref notFinite))
            return Malformed(notFinite ? GdeltMalformedReason.NotFiniteAsFloat32 : GdeltMalformedReason.UnparsableNumber, lineNumber);

        Report.CountReturned();
        row = new GdeltEvent(code, articles, tone, lat1, long1, lat2, long2, lineNumber);
        return true;
    }

    private bool Malformed(string reason, long lineNumber)
    {
        Report.CountMalformed(reason, lineNumber);
        return false;
    }

    /// <summary>Field <paramref name="column"/> (EventCode or after): from after the tab before it to the tab after it.</summary>
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, ReadOnlySpan<int> tabs, int column) =>
        line[(tabs[column - 1] + 1)..tabs[column]];

    /// <summary>As pandas reads the column: an integer, so "010" is 10 and "0834" is 834.</summary>
    private static bool TryParseEventCode(ReadOnlySpan<byte> text, out int code)
    {
        code = 0;
        if (text.Length > 9)
            return false;
        foreach (var digit in text)
        {
            var value = digit - (byte)'0';
            if ((uint)value > 9)
                return false;
            code = code * 10 + value;
        }

        return true;
    }

    /// <summary>
    /// A number the features can hold: every value becomes float32 when written, so one that is a number but not a
    /// finite float32 (1e300, 1e400, "Infinity") would reach training as Infinity; it sets <paramref name="notFinite"/>.
    /// </summary>
    private static bool TryParseNumber(ReadOnlySpan<byte> text, out double value, ref bool notFinite)
    {
        if (ShortDecimal.TryParse(text, out value)) // at most 15 digits: always a finite float32
            return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || double.IsNaN(value))
            return false;
        if (float.IsFinite((float)value))
            return true;
        notFinite = true;
        return false;
    }

    /// <summary>An empty coordinate is missing geography: NaN, which the transform drops and counts.</summary>
    private static bool TryParseCoordinate(ReadOnlySpan<byte> text, out double value, ref bool notFinite)
    {
        if (text.IsEmpty)
        {
            value = double.NaN;
            return true;
        }

        return TryParseNumber(text, out value, ref notFinite);
    }

    public void Dispose()
    {
        _stream.Dispose();
        var buffer = _buffer;
        _buffer = [];
        _start = _end = _searched = 0;
        _endOfStream = true;
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }
}
