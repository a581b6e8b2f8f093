using System.Globalization;
using System.Text;
using Pipeline.Data.Gdelt;
using static Pipeline.Data.Tests.Support.GdeltRows;

namespace Pipeline.Data.Tests.Gdelt;

/// <summary>
/// The reader finds tabs a vector chunk at a time and validates UTF-8 a buffer at a time; these lines put the tabs,
/// the line ends and the bad bytes at every offset and check the reader against a plain split of each line.
/// </summary>
public sealed class When_fields_fall_anywhere_in_a_line
{
    private static readonly int[] ColumnCounts = [0, 1, 30, 48, 56, 57, 57, 57, 58, 58, 59, 64, 65, 90, 200];

    [Theory]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(GdeltReader.DefaultBufferBytes)]
    public void Every_line_reads_as_a_plain_split_of_it_reads(int bufferBytes)
    {
        var random = new Random(11);
        var lines = Enumerable.Range(0, 3000).Select(_ => RandomLine(random)).ToList();
        var content = Utf8(string.Concat(lines.Select(l => l + (random.Next(4) == 0 ? "\r\n" : "\n"))));

        var rows = ReadAll(new MemoryStream(content), out var report, bufferBytes);

        var expected = lines.Select((line, i) => (Row: Expected(line, i + 1), Line: i + 1)).ToList();
        Assert.Equal(expected.Where(e => e.Row is not null).Select(e => e.Row!.Value), rows);
        var wrongCount = expected.Where(e => e.Row is null).Select(e => (long)e.Line).ToList();
        Assert.NotEmpty(wrongCount);
        Assert.NotEmpty(rows);
        var malformed = Assert.Single(report.Malformed);
        Assert.Equal(GdeltMalformedReason.WrongColumnCount, malformed.Key);
        Assert.Equal(wrongCount.Count, malformed.Value.Count);
        Assert.Equal(wrongCount.Take(GdeltReadReport.LinesKeptPerReason), malformed.Value.FirstLines);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(700)]
    [InlineData(GdeltReader.DefaultBufferBytes)]
    public void Only_the_line_with_invalid_UTF8_is_refused_among_valid_ones(int bufferBytes)
    {
        var random = new Random(5);
        var lines = Enumerable.Range(0, 400).Select(i => Utf8(Line(eventCode: $"{i % 200:D3}", lat1: $"{i}.25") + "\n")).ToList();
        var bad = new[] { 7, 150, 151, 399 };
        foreach (var line in bad)
        {
            var bytes = lines[line];
            bytes[random.Next(1, 40)] = 0xFF; // never valid in UTF-8, and inside a filler field
        }

        var rows = ReadAll(new MemoryStream(lines.SelectMany(l => l).ToArray()), out var report, bufferBytes);

        Assert.Equal(Enumerable.Range(1, 400).Where(n => !bad.Contains(n - 1)).Select(n => (long)n), rows.Select(r => r.Line));
        Assert.Equal(rows.Select(r => double.Parse($"{r.Line - 1}.25", CultureInfo.InvariantCulture)), rows.Select(r => r.Actor1Lat));
        var malformed = Assert.Single(report.Malformed);
        Assert.Equal(GdeltMalformedReason.InvalidUtf8, malformed.Key);
        Assert.Equal(bad.Select(b => (long)b + 1), malformed.Value.FirstLines);
    }

    /// <summary>Filler fields of 0 to 40 characters (some outside ASCII) around seven numbers, in a random column count.</summary>
    private static string RandomLine(Random random)
    {
        var columns = ColumnCounts[random.Next(ColumnCounts.Length)];
        var fields = new string[columns];
        for (var i = 0; i < columns; i++)
            fields[i] = Filler(random);
        void Set(int index, string value)
        {
            if (index < columns)
                fields[index] = value;
        }

        Set(GdeltColumns.EventCode, random.Next(1, 2000).ToString("D3", CultureInfo.InvariantCulture));
        Set(GdeltColumns.NumArticles, random.Next(0, 500).ToString(CultureInfo.InvariantCulture));
        Set(GdeltColumns.AvgTone, Number(random, 20));
        Set(GdeltColumns.Actor1GeoLat, random.Next(5) == 0 ? "" : Number(random, 90));
        Set(GdeltColumns.Actor1GeoLong, Number(random, 180));
        Set(GdeltColumns.Actor2GeoLat, Number(random, 90));
        Set(GdeltColumns.Actor2GeoLong, random.Next(5) == 0 ? "" : Number(random, 180));
        return string.Join('\t', fields);
    }

    private static string Filler(Random random)
    {
        const string Alphabet = "abcdefghij KLMNOP,-0123456789éü北";
        var text = new StringBuilder();
        for (var n = random.Next(0, 41) - 20; n > 0; n--) // half the fields empty, as GDELT's mostly are
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        return text.ToString();
    }

    private static string Number(Random random, double range) =>
        ((random.NextDouble() * 2 - 1) * range).ToString($"F{random.Next(0, 12)}", CultureInfo.InvariantCulture);

    private static GdeltEvent? Expected(string line, long lineNumber)
    {
        var fields = line.Split('\t');
        if (fields.Length is not (GdeltColumns.HistoricalCount or GdeltColumns.DailyCount))
            return null;

        static double Coordinate(string text) => text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);
        return new GdeltEvent(
            int.Parse(fields[GdeltColumns.EventCode], CultureInfo.InvariantCulture),
            double.Parse(fields[GdeltColumns.NumArticles], CultureInfo.InvariantCulture),
            double.Parse(fields[GdeltColumns.AvgTone], CultureInfo.InvariantCulture),
            Coordinate(fields[GdeltColumns.Actor1GeoLat]),
            Coordinate(fields[GdeltColumns.Actor1GeoLong]),
            Coordinate(fields[GdeltColumns.Actor2GeoLat]),
            Coordinate(fields[GdeltColumns.Actor2GeoLong]),
            lineNumber);
    }
}
