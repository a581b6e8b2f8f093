using System.Globalization;
using Pipeline.Contracts;
using Pipeline.Evaluator.Tests.Doubles;
using Pipeline.Storage;

namespace Pipeline.Evaluator.Tests;

public sealed class When_saving_predictions_and_timings
{
    private static double Model(IReadOnlyList<double> x) => -1.25 + x.Select((v, i) => (i % 3 - 1) * 0.01 * v).Sum();

    /// <summary>Answers after a random pause, so batches finish out of order.</summary>
    private static LinearEndpointDouble Jittery(int seed)
    {
        var random = new Random(seed);
        return new LinearEndpointDouble(Model)
        {
            OnCallStarted = _ =>
            {
                int pause;
                lock (random)
                    pause = random.Next(0, 4);
                return Task.Delay(pause);
            },
        };
    }

    [Fact]
    public async Task Every_pair_is_saved_in_test_order_and_the_reported_mse_is_the_mse_of_the_saved_file()
    {
        var rows = TestSetDouble.Linear(new Random(51), 4000, Model);
        await using var evaluator = await EvaluatorHarness.StartAsync(new TestSetDouble(rows), Jittery(52),
            new Dictionary<string, string?> { ["Evaluator:MaxConcurrency"] = "6" });
        var command = EvaluatorHarness.Command(Guid.NewGuid());

        await evaluator.SendAsync(command);

        var metrics = Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync()).Metrics;
        // The command's test set is s3://bucket/experiments/test/1984.data: its predictions go to experiments/predictions/.
        Assert.Equal($"s3://bucket/experiments/predictions/{command.ExperimentId:N}/{command.Variant}.csv", metrics.PredictionsObject);
        var saved = await ReadPredictionsAsync(evaluator.Store, metrics.PredictionsObject!);
        Assert.Equal(rows.Count, saved.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Label, saved[i].Actual); // exactly the float label
            Assert.Equal(Model(rows[i].Features.Select(f => (double)f).ToArray()), saved[i].Predicted, 1e-9);
        }

        // Recomputed from the file alone, plainly in doubles.
        var mse = saved.Sum(p => (p.Actual - p.Predicted) * (p.Actual - p.Predicted)) / saved.Count;
        Assert.True(Math.Abs(metrics.Mse - mse) <= 1e-9 * mse, $"reported MSE {metrics.Mse:R}, file's MSE {mse:R}");
        Assert.Equal(rows.Count, metrics.Rows);
    }

    [Fact]
    public async Task The_sample_is_500_evenly_spaced_pairs_of_the_saved_file_in_test_order()
    {
        var rows = TestSetDouble.Linear(new Random(53), 3000, Model);
        await using var evaluator = await EvaluatorHarness.StartAsync(new TestSetDouble(rows), Jittery(54));

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var metrics = Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync()).Metrics;
        var saved = await ReadPredictionsAsync(evaluator.Store, metrics.PredictionsObject!);
        // 3,000 rows: the 500 pairs at rows floor(i x 3000 / 500) = 0, 6, 12, ... of the saved file.
        Assert.Equal(Enumerable.Range(0, 500).Select(i => saved[i * 3000 / 500]), metrics.Sample);
    }

    [Fact]
    public async Task Round_trips_are_timed_and_rows_per_second_is_over_the_whole_scoring()
    {
        const int concurrency = 2;
        var latency = TimeSpan.FromMilliseconds(20);
        var rows = TestSetDouble.Linear(new Random(55), 300, Model);
        var endpoint = new LinearEndpointDouble(Model) { Latency = latency };
        await using var evaluator = await EvaluatorHarness.StartAsync(new TestSetDouble(rows), endpoint,
            new Dictionary<string, string?> { ["Evaluator:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture) });

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var metrics = Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync()).Metrics;
        Assert.NotNull(metrics.Latency);
        // Every call sleeps 20 ms (a timer may fire a millisecond or two early). The ceiling only rules out nonsense
        // (ticks or a timestamp for milliseconds): a loaded machine may stall one call for a second or more.
        var timerSlack = TimeSpan.FromMilliseconds(2);
        const double ceilingMs = 30_000;
        Assert.InRange(metrics.Latency.P50Ms, (latency - timerSlack).TotalMilliseconds, ceilingMs);
        Assert.InRange(metrics.Latency.P95Ms, metrics.Latency.P50Ms, ceilingMs);
        Assert.InRange(metrics.Latency.P99Ms, metrics.Latency.P95Ms, ceilingMs);
        // At most 2 calls of at least 20 ms at once: the scoring took at least ceil(calls / 2) x 20 ms.
        var shortest = Math.Ceiling(endpoint.Calls / (double)concurrency) * (latency - timerSlack).TotalSeconds;
        Assert.NotNull(metrics.RowsPerSecond);
        Assert.InRange(metrics.RowsPerSecond.Value, 1, rows.Count / shortest);
    }

    [Fact]
    public async Task A_failed_evaluation_leaves_no_predictions_object()
    {
        var endpoint = new LinearEndpointDouble(Model) { Override = (call, scores) => call == 5 ? LinearEndpointDouble.Answer(scores[1..]) : null };
        await using var evaluator = await EvaluatorHarness.StartAsync(new TestSetDouble(TestSetDouble.Linear(new Random(56), 1000, Model)), endpoint,
            new Dictionary<string, string?> { ["Evaluator:MaxConcurrency"] = "1" });

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Empty(await evaluator.Store.ListAsync("s3://bucket/", CancellationToken.None).ToListAsync());
    }

    private static async Task<List<PredictionPoint>> ReadPredictionsAsync(IObjectStore store, string uri)
    {
        await using var stream = await store.OpenReadAsync(uri, CancellationToken.None);
        using var reader = new StreamReader(stream);
        Assert.Equal("actual,predicted", await reader.ReadLineAsync());
        var pairs = new List<PredictionPoint>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var fields = line.Split(',');
            Assert.Equal(2, fields.Length);
            pairs.Add(new PredictionPoint(double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture)));
        }

        return pairs;
    }
}
