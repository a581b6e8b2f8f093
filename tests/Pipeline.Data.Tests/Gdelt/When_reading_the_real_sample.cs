using Pipeline.Data.Gdelt;
using Pipeline.Data.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Data.Tests.Gdelt;

public sealed class When_reading_the_real_sample
{
    private static readonly byte[] Sample = File.ReadAllBytes(SharedData.GdeltSample);

    [Fact]
    public void Returns_every_daily_and_historical_row()
    {
        var rows = GdeltRows.ReadAll(Sample, out var report);

        Assert.Equal(710, rows.Count);
        Assert.Equal(710, report.RowsRead);
        Assert.Equal(710, report.RowsReturned);
        Assert.Empty(report.Malformed);
        Assert.Equal(Enumerable.Range(1, 710).Select(i => (long)i), rows.Select(r => r.Line));
    }

    [Fact]
    public void Reads_the_fields_as_awk_sees_them()
    {
        // awk -F'\t' 'NR==1||NR==2||NR==510||NR==511||NR==710{print NR": "$27"|"$34"|"$35"|"$40"|"$41"|"$47"|"$48}' events-sample.tsv
        // 1: 010|2|-0.34188034188034|38.8973|-77.0083||
        // 2: 0834|60|-1.96918082576365||||
        // 510: 030|5|4.7976011994003|5.55|-0.216667|5.55|-0.216667
        // 511: 1312|2|2.53807106598985|60|-95|38|-97
        // 710: 190|6|2.06185567010309|16|106|16|106
        var rows = GdeltRows.ReadAll(Sample, out _);

        Assert.Equal(new GdeltEvent(10, 2, -0.34188034188034, 38.8973, -77.0083, double.NaN, double.NaN, 1), rows[0]);
        Assert.Equal(new GdeltEvent(834, 60, -1.96918082576365, double.NaN, double.NaN, double.NaN, double.NaN, 2), rows[1]);
        Assert.Equal(new GdeltEvent(30, 5, 4.7976011994003, 5.55, -0.216667, 5.55, -0.216667, 510), rows[509]);
        Assert.Equal(new GdeltEvent(1312, 2, 2.53807106598985, 60, -95, 38, -97, 511), rows[510]);
        Assert.Equal(new GdeltEvent(190, 6, 2.06185567010309, 16, 106, 16, 106, 710), rows[709]);
    }

    [Fact]
    public void Agrees_with_awk_over_the_whole_file()
    {
        // awk -F'\t' '{ if ($27 ~ /^0/) z++; if (length($27)==4) f++; s+=$34; if ($40=="") e++; if ($40=="0" && $41=="0") zz++ }
        //   END {print z, f, s, e, zz}' events-sample.tsv   ->   500 30 12776 48 10
        var rows = GdeltRows.ReadAll(Sample, out _);

        // CAMEO roots run 01..20: "0xx" reads as 10..99 and "0xxx" as 211..874, while "1xx"/"20x" read as 100..204.
        Assert.Equal(500, rows.Count(r => r.EventCode < 100 || r.EventCode is >= 210 and < 1000));
        Assert.Equal(30, rows.Count(r => r.EventCode is >= 1000 or (>= 210 and < 1000)));
        Assert.Equal(12776, rows.Sum(r => r.NumArticles));
        Assert.Equal(48, rows.Count(r => double.IsNaN(r.Actor1Lat)));
        Assert.Equal(10, rows.Count(r => r.Actor1Lat == 0 && r.Actor1Long == 0));
    }

    [Fact]
    public void Reads_the_same_rows_with_CRLF_line_ends()
    {
        var crlf = GdeltRows.Utf8(File.ReadAllText(SharedData.GdeltSample).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(GdeltRows.ReadAll(Sample, out _), GdeltRows.ReadAll(crlf, out var report));
        Assert.Equal(0, report.MalformedRows);
    }

    [Fact]
    public void Reads_the_same_rows_from_a_stream_that_trickles_1_to_7_bytes_at_a_time()
    {
        var trickled = GdeltRows.ReadAll(new TrickleStream(Sample), out var report, bufferBytes: 16);

        Assert.Equal(GdeltRows.ReadAll(Sample, out _), trickled);
        Assert.Equal(710, report.RowsReturned);
    }
}
