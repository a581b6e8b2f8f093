using System.Globalization;
using System.Text;

namespace Pipeline.Evaluator.Tests;

public sealed class PredictionsWriterTests
{
    [Fact]
    public async Task Writes_a_header_then_every_pair_in_batch_order_whatever_order_the_batches_come_in()
    {
        var random = new Random(41);
        var batches = Enumerable.Range(0, 40).Select(_ =>
        {
            var rows = random.Next(0, 300);
            return (Labels: Enumerable.Range(0, rows).Select(_ => (float)(random.NextDouble() * 100 - 50)).ToArray(),
                Scores: Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 100 - 50).ToArray());
        }).ToArray();
        using var stream = new MemoryStream();
        var sample = new PredictionSample(500);

        await using (var writer = new PredictionsWriter(stream, sample))
        {
            var order = Enumerable.Range(0, batches.Length).OrderBy(_ => random.Next()).ToArray();
            await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (b, ct) => await writer.AddAsync(b, batches[b].Labels, batches[b].Scores, ct));
            await writer.CompleteAsync(CancellationToken.None);
            Assert.Equal(batches.Sum(b => b.Labels.Length), writer.RowsWritten);
        }

        var lines = Encoding.ASCII.GetString(stream.ToArray()).Split('\n');
        Assert.Equal("actual,predicted", lines[0]);
        Assert.Equal("", lines[^1]); // every line ends with a newline
        var expected = batches.SelectMany(b => b.Labels.Zip(b.Scores)).ToArray();
        Assert.Equal(expected.Length, lines.Length - 2);
        for (var i = 0; i < expected.Length; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.Equal((double)expected[i].First, double.Parse(fields[0], CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].Second, double.Parse(fields[1], CultureInfo.InvariantCulture));
        }

        Assert.Equal(expected.Length, sample.Seen);
    }

    [Theory]
    [InlineData(1e-5, "1e-05")]
    [InlineData(2.5e20, "2.5e+20")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(3, "3")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(-double.Epsilon, "-5e-324")]
    public async Task Numbers_are_the_shortest_text_that_parses_back_to_the_same_double_with_a_lower_case_exponent(double score, string text)
    {
        using var stream = new MemoryStream();
        await using (var writer = new PredictionsWriter(stream, new PredictionSample(1)))
        {
            await writer.AddAsync(0, [0.1f], [score], CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var line = Encoding.ASCII.GetString(stream.ToArray()).Split('\n')[1];
        // The float label 0.1f is written as the double it widens to, the value the metrics use.
        Assert.Equal($"{(double)0.1f:R},{text}", line);
        Assert.Equal(score, double.Parse(text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Lines_longer_than_the_buffer_in_total_are_all_written()
    {
        const int rows = 20_000; // about 40 bytes a line: over 12 buffers of 64 KB
        var labels = Enumerable.Range(0, rows).Select(i => -i / 3f).ToArray();
        var scores = Enumerable.Range(0, rows).Select(i => Math.PI * i).ToArray();
        using var stream = new MemoryStream();

        await using (var writer = new PredictionsWriter(stream, new PredictionSample(10)))
        {
            await writer.AddAsync(0, labels, scores, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var lines = Encoding.ASCII.GetString(stream.ToArray()).TrimEnd('\n').Split('\n');
        Assert.Equal(rows + 1, lines.Length);
        Assert.Equal($"{(double)labels[^1]:R},{scores[^1]:R}".Replace('E', 'e'), lines[^1]);
    }

    [Fact]
    public async Task A_batch_that_never_came_fails_the_write()
    {
        using var stream = new MemoryStream();
        await using var writer = new PredictionsWriter(stream, new PredictionSample(10));
        await writer.AddAsync(0, [1], [1], CancellationToken.None);
        await writer.AddAsync(2, [3], [3], CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CompleteAsync(CancellationToken.None));

        Assert.Contains("Batch 1 never came", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_handed_in_twice_is_refused()
    {
        using var stream = new MemoryStream();
        await using var writer = new PredictionsWriter(stream, new PredictionSample(10));
        await writer.AddAsync(0, [1], [1], CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.AddAsync(0, [1], [1], CancellationToken.None));
    }
}
