using Pipeline.Data.RecordIO;
using System.Globalization;
using System.Text;

namespace Pipeline.Evaluator.Tests;

public sealed class CsvBatcherTests
{
    private const int SmallLimit = 2 * 1024;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Batches_stay_within_the_limit_and_carry_every_row_once_in_order(int seed)
    {
        var random = new Random(seed);
        var rows = RandomRows(random, count: random.Next(1, 3000), features: random.Next(1, 30));

        var batches = new CsvBatcher(SmallLimit).Batch(rows).ToList();

        Assert.True(batches.Count > 5, $"only {batches.Count} batches");
        var seen = new List<(double[] Features, float Label)>();
        for (var b = 0; b < batches.Count; b++)
        {
            var batch = batches[b];
            Assert.Equal(b, batch.Index);
            Assert.Equal(seen.Count, batch.FirstRow);
            Assert.InRange(batch.Body.Length, 1, SmallLimit);

            var lines = Encoding.ASCII.GetString(batch.Body.Span).Split('\n');
            Assert.Equal(batch.RowCount, lines.Length);
            seen.AddRange(lines.Select((line, i) => (ParseRow(line), batch.Labels[i])));

            // Greedy: a batch ends only because the next row would not have fitted after a newline.
            if (b + 1 < batches.Count)
            {
                var nextRow = Encoding.ASCII.GetString(batches[b + 1].Body.Span).Split('\n')[0];
                Assert.True(batch.Body.Length + 1 + nextRow.Length > SmallLimit, $"batch {b} ended early");
            }
        }

        Assert.Equal(rows.Count, seen.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Label, seen[i].Label);
            Assert.Equal(rows[i].Features.Length, seen[i].Features.Length);
            for (var f = 0; f < rows[i].Features.Length; f++)
                Assert.True(Math.Abs(rows[i].Features[f] - seen[i].Features[f]) <= 5e-6 * Math.Abs(rows[i].Features[f]) * (1 + 1e-12),
                    $"row {i} feature {f}: sent {seen[i].Features[f]} for {rows[i].Features[f]}");
        }
    }

    [Fact]
    public void Writes_features_without_the_label_and_without_a_trailing_newline()
    {
        var rows = new[] { new DenseRow([1, 2.5f, -3], 99), new DenseRow([0.0001f, 100, 1234567], -7) };

        var batch = Assert.Single(new CsvBatcher(1000).Batch(rows));

        // What np.savetxt(arr, delimiter=',', fmt='%g') writes, after rstrip().
        Assert.Equal("1,2.5,-3\n0.0001,100,1.23457e+06", Encoding.ASCII.GetString(batch.Body.Span));
        Assert.Equal([99f, -7f], batch.Labels);
    }

    [Fact]
    public void A_csv_test_set_is_sent_with_every_float_as_it_reads_back_not_rounded_to_six_digits()
    {
        var values = new[] { 38f / 28f, 1234567f, -1.17549435E-38f, 0.1f, 7f };
        var rows = new[] { new DenseRow(values, 3) };

        var exact = Assert.Single(CsvBatcher.For("s3://b/m5/test/sales.csv", 1000).Batch(rows));
        var notebook = Assert.Single(CsvBatcher.For("s3://b/gdelt/test/1984.data", 1000).Batch(rows));

        var fields = Encoding.ASCII.GetString(exact.Body.Span).Split(',');
        Assert.Equal(values, fields.Select(f => float.Parse(f, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("1.3571428", fields[0]);
        Assert.Equal("7", fields[4]);
        Assert.StartsWith("1.35714,1.23457e+06,", Encoding.ASCII.GetString(notebook.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_exactly_at_the_limit_fits_alone()
    {
        // "1,2,3" is 5 bytes; two of them need 11.
        var batches = new CsvBatcher(5).Batch([new DenseRow([1, 2, 3], 0), new DenseRow([1, 2, 3], 0)]).ToList();

        Assert.Equal(2, batches.Count);
        Assert.All(batches, b => Assert.Equal("1,2,3", Encoding.ASCII.GetString(b.Body.Span)));
    }

    [Fact]
    public void A_row_larger_than_the_limit_is_an_error_naming_the_row_and_the_limit()
    {
        var rows = new[] { new DenseRow([1], 0), new DenseRow(Enumerable.Repeat(123.456f, 400).ToArray(), 0) };

        var error = Assert.Throws<InvalidDataException>(() => new CsvBatcher(SmallLimit).Batch(rows).ToList());

        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(SmallLimit.ToString("N0", CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_rows_make_no_batches() => Assert.Empty(new CsvBatcher(SmallLimit).Batch([]));

    [Fact]
    public async Task Batches_a_stream_as_it_batches_a_list()
    {
        var rows = RandomRows(new Random(9), 500, 12);

        var fromStream = await new CsvBatcher(SmallLimit).BatchAsync(rows.ToAsyncEnumerable()).ToListAsync();
        var fromList = new CsvBatcher(SmallLimit).Batch(rows).ToList();

        Assert.Equal(fromList.Count, fromStream.Count);
        for (var i = 0; i < fromList.Count; i++)
        {
            Assert.Equal(fromList[i].Body.ToArray(), fromStream[i].Body.ToArray());
            Assert.Equal(fromList[i].Labels, fromStream[i].Labels);
        }
    }

    private static List<DenseRow> RandomRows(Random random, int count, int features) =>
        Enumerable.Range(0, count)
            .Select(_ => new DenseRow(
                Enumerable.Range(0, features).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 8)))).ToArray(),
                (float)random.NextDouble()))
            .ToList();

    private static double[] ParseRow(string line) =>
        line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
