using System.Globalization;
using System.Text;
using Pipeline.Data.Text;

namespace Pipeline.Data.Tests.Text;

public sealed class TestSetCsvWriterTests
{
    private static (string Features, string Labels) Write(params (float[] Features, float Label)[] rows)
    {
        using var features = new MemoryStream();
        using var labels = new MemoryStream();
        using (var writer = new TestSetCsvWriter(features, labels, leaveOpen: true))
        {
            foreach (var (f, l) in rows)
                writer.Write(f, l);
            Assert.Equal(rows.Length, writer.RowsWritten);
        }

        return (Encoding.ASCII.GetString(features.ToArray()), Encoding.ASCII.GetString(labels.ToArray()));
    }

    [Fact]
    public void Writes_features_as_printf_g_comma_separated_one_line_per_row_without_the_label()
    {
        // Expected text from glibc's printf("%g") of the same floats (see GFormatTests' table).
        var (features, labels) = Write(
            ([0.1f, -37.3f, 38.8951f], -77.0364f),
            ([1e-7f, 16777217f, 0f], 0.000123f));

        Assert.Equal("0.1,-37.3,38.8951\n1e-07,1.67772e+07,0\n", features);
        Assert.Equal("-77.0364\n0.000123\n", labels);
    }

    [Fact]
    public void Every_row_parses_back_to_its_values_within_six_significant_digits()
    {
        var random = new Random(17);
        var rows = Enumerable.Range(0, 2000)
            .Select(_ => (Features: Enumerable.Range(0, 25).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 8)))).ToArray(),
                          Label: (float)(random.NextDouble() * 20 - 10)))
            .ToArray();

        var (features, labels) = Write(rows);

        Assert.DoesNotContain('\r', features);
        var lines = features.Split('\n');
        Assert.Equal(rows.Length + 1, lines.Length);
        Assert.Equal("", lines[^1]);
        var labelLines = labels.Split('\n');
        for (var i = 0; i < rows.Length; i++)
        {
            var fields = lines[i].Split(',');
            Assert.Equal(rows[i].Features.Length, fields.Length);
            for (var j = 0; j < fields.Length; j++)
                AssertClose(rows[i].Features[j], double.Parse(fields[j], CultureInfo.InvariantCulture));
            AssertClose(rows[i].Label, double.Parse(labelLines[i], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task DisposeAsync_flushes_both_files_and_closes_them()
    {
        var features = new MemoryStream();
        var labels = new MemoryStream();
        await using (var writer = new TestSetCsvWriter(features, labels))
            writer.Write([1.5f, 2f], 3f);

        Assert.Equal("1.5,2\n", Encoding.ASCII.GetString(features.ToArray()));
        Assert.Equal("3\n", Encoding.ASCII.GetString(labels.ToArray()));
        Assert.Throws<ObjectDisposedException>(() => features.WriteByte(0));
        Assert.Throws<ObjectDisposedException>(() => labels.WriteByte(0));
    }

    [Fact]
    public void Refuses_a_row_without_features()
    {
        using var writer = new TestSetCsvWriter(new MemoryStream(), new MemoryStream());
        Assert.Throws<ArgumentException>(() => writer.Write([], 1));
    }

    private static void AssertClose(float expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 5e-6 * Math.Abs(expected) * (1 + 1e-9), $"{expected:R} came back as {actual:R}");
}
