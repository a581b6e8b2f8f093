using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pipeline.Data.Sales;
using Pipeline.Data.Tests.Fidelity;

namespace Pipeline.Data.Tests.Sales;

public sealed class When_writing_sales_csv
{
    private static readonly StoreItemSeries[] Series = [.. SalesGenerator.Generate(new SalesShape(Stores: 2, Items: 12, Days: 400, Seed: 1729))];

    [Fact]
    public void Writes_one_line_per_day_label_first_then_the_features_without_a_header()
    {
        var series = Series[0];
        using var csv = new MemoryStream();

        var rows = SalesCsv.Write(series, 100, 250, csv);

        var text = Encoding.ASCII.GetString(csv.ToArray());
        Assert.Equal(150, rows);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        Assert.Equal(150, lines.Length);
        var features = new float[SalesFeatures.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            Assert.Equal(SalesFeatures.Count + 1, fields.Length);
            series.Features(100 + i, features);
            Assert.Equal(series.Label(100 + i), float.Parse(fields[0], CultureInfo.InvariantCulture));
            Assert.Equal(features, fields[1..].Select(f => float.Parse(f, CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Writes_whole_numbers_as_integers_and_prices_in_their_shortest_form()
    {
        using var csv = new MemoryStream();
        foreach (var series in Series)
            SalesCsv.Write(series, 0, series.Days, csv);
        var fields = Encoding.ASCII.GetString(csv.ToArray()).Split('\n', ',');

        Assert.All(fields.Where(f => f.Length > 0), f => Assert.Matches("^(0|[1-9][0-9]*|[0-9]+\\.[0-9]+)$", f));
        var lines = Encoding.ASCII.GetString(csv.ToArray()).TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToArray();
        Assert.All(lines, l => Assert.Matches("^[0-9]+$", l[0]));
        var priceColumn = 1 + SeriesDays.Column("sell_price");
        Assert.All(lines, l => Assert.Matches("^[0-9]+(\\.[0-9]{1,2})?$", l[priceColumn]));
    }

    [Fact]
    public void Appends_to_the_stream_and_leaves_it_open()
    {
        using var csv = new MemoryStream();

        Assert.Equal(3, SalesCsv.Write(Series[0], 0, 3, csv));
        Assert.Equal(0, SalesCsv.Write(Series[1], 5, 5, csv));
        Assert.Equal(2, SalesCsv.Write(Series[1], 398, 400, csv));

        Assert.True(csv.CanWrite);
        Assert.Equal(5, Encoding.ASCII.GetString(csv.ToArray()).Count(c => c == '\n'));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 401)]
    [InlineData(20, 10)]
    public void Refuses_days_outside_the_series(int from, int to)
    {
        using var csv = new MemoryStream();

        Assert.Throws<ArgumentOutOfRangeException>(() => SalesCsv.Write(Series[0], from, to, csv));
        Assert.Equal(0, csv.Length);
    }

    [Fact]
    public async Task Pandas_reads_every_row_back_as_the_same_float32_values()
    {
        var folder = Directory.CreateTempSubdirectory("sales-csv-");
        try
        {
            var csvPath = Path.Combine(folder.FullName, "train.csv");
            var floatsPath = Path.Combine(folder.FullName, "train.f32");
            await using (var csv = File.Create(csvPath))
                foreach (var series in Series)
                    SalesCsv.Write(series, 0, series.Days, csv);

            var shape = await ReadWithPandasAsync(csvPath, floatsPath);

            var expected = Series.SelectMany(Rows).ToArray();
            Assert.Equal($"{expected.Length} {SalesFeatures.Count + 1}", shape);
            var bytes = await File.ReadAllBytesAsync(floatsPath);
            var read = new float[bytes.Length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, read, 0, bytes.Length);
            Assert.Equal(expected.SelectMany(row => row), read);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<float[]> Rows(StoreItemSeries series)
    {
        for (var day = 0; day < series.Days; day++)
        {
            var row = new float[SalesFeatures.Count + 1];
            row[0] = series.Label(day);
            series.Features(day, row.AsSpan(1));
            yield return row;
        }
    }

    /// <returns>The frame's shape as "rows columns".</returns>
    private static async Task<string> ReadWithPandasAsync(string csvPath, string floatsPath)
    {
        const string Script = """
            import sys
            import numpy as np
            import pandas as pd
            frame = pd.read_csv(sys.argv[1], header=None)
            frame.to_numpy(dtype=np.float32).tofile(sys.argv[2])
            print(frame.shape[0], frame.shape[1])
            """;
        using var python = Process.Start(new ProcessStartInfo(NotebookReference.Python)
        {
            ArgumentList = { "-c", Script, csvPath, floatsPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"could not start {NotebookReference.Python}");
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(python.ExitCode == 0, $"pandas could not read the CSV (tests/run installs Debian's python3-pandas):\n{await errors}");
        return (await output).Trim();
    }
}
