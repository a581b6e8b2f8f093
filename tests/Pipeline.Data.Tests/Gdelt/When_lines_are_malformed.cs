using Pipeline.Data.Gdelt;
using Pipeline.Data.Tests.Support;
using static Pipeline.Data.Tests.Support.GdeltRows;

namespace Pipeline.Data.Tests.Gdelt;

public sealed class When_lines_are_malformed
{
    [Fact]
    public void Counts_each_line_under_its_reason_with_its_line_number()
    {
        var good = Utf8(Line() + "\n");
        var invalidUtf8 = Utf8(Line().Replace("\tf6\t", "\t@@\t", StringComparison.Ordinal) + "\n");
        var at = Array.IndexOf(invalidUtf8, (byte)'@');
        (invalidUtf8[at], invalidUtf8[at + 1]) = ((byte)0xC3, (byte)'('); // a lead byte without its continuation
        byte[] content =
        [
            .. good,                                                            // 1 returned
            .. Utf8(Line(eventCode: "0834") + "\r\n"),                          // 2 returned (CRLF)
            .. Utf8(Line(columns: 56) + "\n"),                                  // 3 wrong column count
            .. Utf8(Line(avgTone: "abc") + "\n"),                               // 4 unparsable number
            .. invalidUtf8,                                                     // 5 invalid UTF-8
            .. Utf8(Line(eventCode: "") + "\n"),                                // 6 missing event code
            .. Utf8(Line(columns: 59) + "\n"),                                  // 7 wrong column count
            .. Utf8("\n"),                                                      // 8 wrong column count (empty line)
            .. Utf8(Line(numArticles: "") + "\n"),                              // 9 unparsable number
            .. Utf8(Line(lat1: "12.3.4") + "\n"),                               // 10 unparsable number
            .. Utf8(Line(eventCode: "04x") + "\n"),                             // 11 unparsable number
            .. Utf8(Line(eventCode: "1123", columns: 58) + "\r\n"),             // 12 returned (daily row)
            .. Utf8(Line()[..100]),                                             // 13 truncated last line
        ];

        var rows = ReadAll(content, out var report);

        Assert.Equal([1L, 2, 12], rows.Select(r => r.Line));
        Assert.Equal([42, 834, 1123], rows.Select(r => r.EventCode));
        Assert.Equal(13, report.RowsRead);
        Assert.Equal(3, report.RowsReturned);
        Assert.Equal(10, report.MalformedRows);
        AssertLines(report, GdeltMalformedReason.WrongColumnCount, 3, 7, 8);
        AssertLines(report, GdeltMalformedReason.UnparsableNumber, 4, 9, 10, 11);
        AssertLines(report, GdeltMalformedReason.InvalidUtf8, 5);
        AssertLines(report, GdeltMalformedReason.MissingEventCode, 6);
        AssertLines(report, GdeltMalformedReason.TruncatedLastLine, 13);
        Assert.Equal(5, report.Malformed.Count);
    }

    [Fact]
    public void Keeps_the_line_numbers_of_the_first_five_only()
    {
        var content = Utf8(string.Concat(Enumerable.Range(0, 8).Select(_ => Line(avgTone: "") + "\n")) + Line() + "\n");

        var rows = ReadAll(content, out var report);

        Assert.Equal(9, Assert.Single(rows).Line);
        var malformed = report.Malformed[GdeltMalformedReason.UnparsableNumber];
        Assert.Equal(8, malformed.Count);
        Assert.Equal([1L, 2, 3, 4, 5], malformed.FirstLines);
    }

    [Fact]
    public void Returns_a_complete_last_line_without_a_newline()
    {
        var rows = ReadAll(Utf8(Line() + "\n" + Line(eventCode: "190")), out var report);

        Assert.Equal([42, 190], rows.Select(r => r.EventCode));
        Assert.Equal(0, report.MalformedRows);
    }

    [Fact]
    public void Reads_empty_coordinates_as_NaN_and_zero_as_zero()
    {
        var row = Assert.Single(ReadAll(Utf8(Line(lat1: "", long1: "", lat2: "0", long2: "0") + "\n"), out _));

        Assert.True(double.IsNaN(row.Actor1Lat) && double.IsNaN(row.Actor1Long));
        Assert.Equal((0.0, 0.0), (row.Actor2Lat, row.Actor2Long));
    }

    [Fact]
    public void Counts_and_skips_a_line_longer_than_the_limit_then_reads_on()
    {
        var content = Utf8(Line() + "\n" + new string('x', 5000) + "\n" + Line(eventCode: "051") + "\n" + new string('y', 3000));

        var rows = ReadAll(new TrickleStream(content), out var report, bufferBytes: 64, maxLineBytes: 1000);

        Assert.Equal([1L, 3], rows.Select(r => r.Line));
        Assert.Equal(51, rows[1].EventCode);
        AssertLines(report, GdeltMalformedReason.LineTooLong, 2, 4);
        Assert.Equal(4, report.RowsRead);
    }

    [Fact]
    public void Grows_its_buffer_for_a_long_line_within_the_limit()
    {
        var longName = new string('n', 10_000);
        var content = Utf8(Line().Replace("f6", longName, StringComparison.Ordinal) + "\n" + Line() + "\n");

        var rows = ReadAll(new MemoryStream(content), out var report, bufferBytes: 64, maxLineBytes: 20_000);

        Assert.Equal(2, rows.Count);
        Assert.Equal(0, report.MalformedRows);
    }

    [Fact]
    public void Survives_random_garbage_and_accounts_for_every_line()
    {
        var random = new Random(42);
        var garbage = new byte[200_000];
        random.NextBytes(garbage);
        var lines = garbage.Count(b => b == (byte)'\n') + (garbage[^1] == (byte)'\n' ? 0 : 1);

        var rows = ReadAll(new MemoryStream(garbage), out var report, bufferBytes: 256, maxLineBytes: 1000);

        Assert.Empty(rows);
        Assert.Equal(lines, report.RowsRead);
        Assert.Equal(report.RowsRead, report.Malformed.Values.Sum(m => m.Count));
    }

    [Fact]
    public void Counts_numbers_that_are_not_finite_float32_under_their_own_reason()
    {
        var content = Utf8(string.Join("\n",
            Line(),                                   // 1 returned
            Line(lat1: "1e300"),                      // 2 a finite double, Infinity as float32
            Line(numArticles: "1e39"),                // 3 just past float32's largest
            Line(long2: "-1e400"),                    // 4 -Infinity as a double
            Line(avgTone: "Infinity"),                // 5
            Line(lat2: "3.4e38", long1: "1e-300"),    // 6 returned: both have float32 values
            Line(avgTone: "NaN")) + "\n");           // 7 unparsable, as before

        var rows = ReadAll(content, out var report);

        Assert.Equal([1L, 6], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.True(float.IsFinite((float)r.Actor2Lat) && float.IsFinite((float)r.NumArticles)));
        AssertLines(report, GdeltMalformedReason.NotFiniteAsFloat32, 2, 3, 4, 5);
        AssertLines(report, GdeltMalformedReason.UnparsableNumber, 7);
    }

    private static void AssertLines(GdeltReadReport report, string reason, params long[] lines)
    {
        Assert.True(report.Malformed.TryGetValue(reason, out var malformed), $"nothing counted as {reason}: {report}");
        Assert.Equal(lines.Length, malformed.Count);
        Assert.Equal(lines, malformed.FirstLines);
    }
}
