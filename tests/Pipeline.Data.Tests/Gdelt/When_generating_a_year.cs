using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Data.Gdelt;
using Pipeline.Data.Tests.Support;

namespace Pipeline.Data.Tests.Gdelt;

public sealed class When_generating_a_year
{
    private const int Rows = 40_000;
    private static readonly byte[] Year1983 = Generate(seed: 1729, year: 1983, Rows);
    private static readonly string[][] Fields = Encoding.UTF8.GetString(Year1983)
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('\t'))
        .ToArray();

    [Fact]
    public void Writes_the_same_bytes_for_the_same_seed_year_and_rows()
    {
        Assert.Equal(SHA256.HashData(Year1983), SHA256.HashData(Generate(1729, 1983, Rows)));
        Assert.NotEqual(SHA256.HashData(Year1983), SHA256.HashData(Generate(1730, 1983, Rows)));
        Assert.NotEqual(SHA256.HashData(Year1983), SHA256.HashData(Generate(1729, 1984, Rows)));
    }

    [Fact]
    public void Round_trips_through_the_reader_without_a_malformed_row()
    {
        var rows = GdeltRows.ReadAll(new MemoryStream(Year1983), out var report, bufferBytes: 4096);

        Assert.Equal(Rows, rows.Count);
        Assert.Equal(Rows, report.RowsRead);
        Assert.Empty(report.Malformed);
        Assert.Equal(Fields.Select(f => int.Parse(f[26], CultureInfo.InvariantCulture)), rows.Select(r => r.EventCode));
        Assert.Equal(Fields.Select(f => double.Parse(f[34], CultureInfo.InvariantCulture)), rows.Select(r => r.AvgTone));
    }

    [Fact]
    public void Writes_57_columns_with_increasing_ids_and_dates_within_the_year()
    {
        Assert.Equal(Rows, Fields.Length);
        Assert.All(Fields, f => Assert.Equal(57, f.Length));
        var ids = Fields.Select(f => long.Parse(f[0], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(ids.Zip(ids.Skip(1)).All(pair => pair.Second > pair.First), "GLOBALEVENTID must increase");
        Assert.All(Fields, f =>
        {
            var date = DateOnly.ParseExact(f[1], "yyyyMMdd", CultureInfo.InvariantCulture);
            Assert.Equal(1983, date.Year);
            Assert.Equal(f[1][..6], f[2]);
            Assert.Equal("1983", f[3]);
            var fraction = double.Parse(f[4], CultureInfo.InvariantCulture);
            Assert.InRange(fraction - 1983, (date.DayOfYear - 1) / 365.0, (date.DayOfYear + 1) / 365.0);
            Assert.Matches("^[01]$", f[25]);
            Assert.Matches("^[0-9]{8}$", f[56]);
        });
        Assert.Contains(Fields, f => f[1] == "19830101");
        Assert.Contains(Fields, f => f[1] == "19831231");
    }

    [Fact]
    public void Skews_event_codes_like_CAMEO_usage_with_leading_zeros_and_four_digit_codes()
    {
        var codes = Fields.Select(f => f[26]).ToArray();
        var counts = codes.CountBy(c => c).OrderByDescending(c => c.Value).ToArray();

        Assert.InRange(counts[0].Value / (double)Rows, 0.05, 0.30);
        Assert.InRange(counts.Take(20).Sum(c => c.Value) / (double)Rows, 0.4, 0.85);  // the notebook's vocabulary covers most rows
        Assert.InRange(counts.Length, 150, 300);
        Assert.Contains(codes, c => c.Length == 3 && c[0] == '0');
        Assert.Contains(codes, c => c.Length == 4 && c[0] == '0');
        Assert.Contains(codes, c => c.Length == 4 && c[0] == '1');
        Assert.All(codes, c => Assert.Matches("^(0[1-9]|1[0-9]|20)[0-9]{1,2}$", c));
    }

    [Fact]
    public void Keeps_base_root_quad_class_and_goldstein_consistent_with_the_event_code()
    {
        Assert.All(Fields, f =>
        {
            Assert.Equal(f[26][..3], f[27]);
            Assert.Equal(f[26][..2], f[28]);
            var root = int.Parse(f[28], CultureInfo.InvariantCulture);
            var expectedQuad = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4; // CAMEO: verbal/material cooperation, verbal/material conflict
            Assert.Equal(expectedQuad.ToString(CultureInfo.InvariantCulture), f[29]);
            var goldstein = double.Parse(f[30], CultureInfo.InvariantCulture);
            Assert.InRange(goldstein, -10, 10);
            Assert.True(expectedQuad <= 2 ? goldstein >= 0 : goldstein <= 0, $"Goldstein {goldstein} for root {root}");
        });
    }

    [Fact]
    public void Writes_long_tailed_article_counts_no_larger_than_mentions()
    {
        var articles = Fields.Select(f => long.Parse(f[33], CultureInfo.InvariantCulture)).Order().ToArray();
        var median = articles[articles.Length / 2];

        Assert.True(articles[0] >= 1);
        Assert.True(articles[^1] >= 20 * median, $"max {articles[^1]}, median {median}");
        Assert.True(articles.Average() > median);
        Assert.All(Fields, f =>
        {
            var mentions = long.Parse(f[31], CultureInfo.InvariantCulture);
            var sources = long.Parse(f[32], CultureInfo.InvariantCulture);
            var count = long.Parse(f[33], CultureInfo.InvariantCulture);
            Assert.InRange(sources, 1, count);
            Assert.True(mentions >= count);
        });
    }

    [Fact]
    public void Has_zero_and_empty_geography_and_names_with_commas()
    {
        var zero = Fields.Count(f => IsZero(f, 39) || IsZero(f, 46)) / (double)Rows;
        var empty = Fields.Count(f => f[39].Length == 0 || f[46].Length == 0) / (double)Rows;

        Assert.InRange(zero, 0.10, 0.20);
        Assert.InRange(empty, 0.02, 0.06);
        Assert.Contains(Fields, f => f[36].Contains(',', StringComparison.Ordinal) && f[36].Contains(' ', StringComparison.Ordinal));
        Assert.Contains(Fields, f => f[6].Contains(", ", StringComparison.Ordinal));
        Assert.All(Fields.Where(f => f[39].Length > 0), f =>
        {
            Assert.InRange(double.Parse(f[39], CultureInfo.InvariantCulture), -90, 90);
            Assert.InRange(double.Parse(f[40], CultureInfo.InvariantCulture), -180, 180);
        });
    }

    [Fact]
    public void Makes_tone_depend_on_quad_class_and_latitude()
    {
        double MeanTone(Func<string[], bool> where) => Fields.Where(where).Average(f => double.Parse(f[34], CultureInfo.InvariantCulture));
        double Latitude(string[] f) => Math.Abs(double.Parse(f[39], CultureInfo.InvariantCulture));
        bool Placed(string[] f) => f[39].Length > 0 && !IsZero(f, 39);

        Assert.True(MeanTone(f => f[29] == "4") < MeanTone(f => f[29] == "1") - 2, "material conflict should read darker than verbal cooperation");
        Assert.True(MeanTone(f => Placed(f) && Latitude(f) < 23.5) < MeanTone(f => Placed(f) && Latitude(f) >= 45) - 1,
            "tone should depend on the actor's latitude band");
        var tones = Fields.Select(f => double.Parse(f[34], CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(tones.Min(), -100, -5);
        Assert.InRange(tones.Max(), 5, 100);
    }

    private static bool IsZero(string[] f, int lat) => f[lat] == "0" && f[lat + 1] == "0";

    private static byte[] Generate(int seed, int year, long rows)
    {
        var output = new MemoryStream();
        var written = new GdeltGenerator(seed).WriteYear(output, year, rows);
        Assert.Equal(output.Length, written);
        return output.ToArray();
    }
}
