namespace Pipeline.Evaluator.Tests;

public sealed class RegressionMetricsTests
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 1e6)]
    [InlineData(3, -250.0)]
    public void Match_the_two_pass_textbook_formulas(int seed, double labelOffset)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, 5000).Select(_ => labelOffset + random.NextDouble() * 10).ToArray();
        var predictions = labels.Select(y => y + (random.NextDouble() - 0.5) * 3).ToArray();

        var metrics = new RegressionMetrics();
        for (var i = 0; i < labels.Length; i++)
            metrics.Add(labels[i], predictions[i]);

        // Independently: two passes over the arrays.
        var n = labels.Length;
        var mse = labels.Zip(predictions, (y, p) => (y - p) * (y - p)).Sum() / n;
        var mae = labels.Zip(predictions, (y, p) => Math.Abs(y - p)).Sum() / n;
        var mean = labels.Sum() / n;
        var sst = labels.Sum(y => (y - mean) * (y - mean));
        var r2 = 1 - mse * n / sst;

        Assert.Equal(n, metrics.Rows);
        AssertRelative(mse, metrics.Mse);
        AssertRelative(Math.Sqrt(mse), metrics.Rmse);
        AssertRelative(mae, metrics.Mae);
        AssertRelative(r2, metrics.R2);
    }

    [Fact]
    public void Merging_batches_gives_what_adding_every_row_gives()
    {
        var random = new Random(4);
        var pairs = Enumerable.Range(0, 3000).Select(_ => (Label: 1e4 + random.NextDouble(), Prediction: 1e4 + random.NextDouble())).ToArray();
        var whole = new RegressionMetrics();
        foreach (var (label, prediction) in pairs)
            whole.Add(label, prediction);

        var merged = new RegressionMetrics();
        var start = 0;
        while (start < pairs.Length)
        {
            var size = Math.Min(random.Next(0, 400), pairs.Length - start);
            var part = new RegressionMetrics();
            foreach (var (label, prediction) in pairs.AsSpan(start, size))
                part.Add(label, prediction);
            merged.Merge(part);
            start += size;
        }

        Assert.Equal(whole.Rows, merged.Rows);
        AssertRelative(whole.Mse, merged.Mse);
        AssertRelative(whole.Mae, merged.Mae);
        AssertRelative(whole.R2, merged.R2);
    }

    [Fact]
    public void R2_is_not_a_number_when_every_label_is_the_same()
    {
        var metrics = new RegressionMetrics();
        metrics.Add(3, 2);
        metrics.Add(3, 5);

        Assert.True(double.IsNaN(metrics.R2));
        Assert.Equal((1.0 + 4.0) / 2, metrics.Mse);
        Assert.Equal((1.0 + 2.0) / 2, metrics.Mae);
    }

    [Fact]
    public void Carries_the_invocation_count_into_the_message()
    {
        var metrics = new RegressionMetrics();
        metrics.Add(1, 0);
        metrics.Add(3, 3);

        var message = metrics.ToEvaluationMetrics(invocations: 7);

        Assert.Equal(7, message.Invocations);
        Assert.Equal(2, message.Rows);
        Assert.Equal(0.5, message.Mse);
        Assert.Equal(1 - 1.0 / 2.0, message.R2); // SSE 1, labels 1 and 3 around mean 2: SST 2
    }

    private static void AssertRelative(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
