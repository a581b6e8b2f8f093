using Pipeline.Contracts;
using Pipeline.Evaluator.Tests.Doubles;

namespace Pipeline.Evaluator.Tests;

public sealed class When_evaluating_an_endpoint
{
    /// <summary>The model the endpoint double serves: 0.5 + sum of (i+1)/100 * x_i.</summary>
    private static double Model(IReadOnlyList<double> x) => 0.5 + x.Select((v, i) => (i + 1) / 100.0 * v).Sum();

    [Fact]
    public async Task Publishes_the_metrics_of_the_endpoints_scores_on_the_test_set()
    {
        var rows = TestSetDouble.Linear(new Random(11), 3000, Model);
        var reader = new TestSetDouble(rows);
        var endpoint = new LinearEndpointDouble(Model);
        await using var evaluator = await EvaluatorHarness.StartAsync(reader, endpoint);
        var command = EvaluatorHarness.Command(Guid.NewGuid());

        await evaluator.SendAsync(command);

        var evaluated = Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync());
        // Independently: the labels against the model applied to the very features, two passes.
        var labels = rows.Select(r => (double)r.Label).ToArray();
        var scores = rows.Select(r => Model(r.Features.Select(f => (double)f).ToArray())).ToArray();
        var mse = labels.Zip(scores, (y, s) => (y - s) * (y - s)).Average();
        var mae = labels.Zip(scores, (y, s) => Math.Abs(y - s)).Average();
        var mean = labels.Average();
        var r2 = 1 - mse * labels.Length / labels.Sum(y => (y - mean) * (y - mean));

        var metrics = evaluated.Metrics;
        Assert.Equal(command.ExperimentId, evaluated.ExperimentId);
        Assert.Equal(command.Variant, evaluated.Variant);
        Assert.Equal(command.EndpointName, evaluated.EndpointName);
        Assert.Equal(rows.Count, metrics.Rows);
        Assert.Equal(mse, metrics.Mse, 1e-9 * mse);
        Assert.Equal(Math.Sqrt(mse), metrics.Rmse, 1e-9);
        Assert.Equal(mae, metrics.Mae, 1e-9);
        Assert.Equal(r2, metrics.R2, 1e-9);
        Assert.Equal(endpoint.Calls, metrics.Invocations);
        Assert.True(metrics.Invocations > 100, $"{metrics.Invocations} requests for {rows.Count} rows in 2 KB batches");
    }

    [Fact]
    public async Task Sends_csv_asking_for_json_in_bodies_within_the_limit()
    {
        var reader = new TestSetDouble(TestSetDouble.Linear(new Random(12), 500, Model));
        var endpoint = new LinearEndpointDouble(Model);
        await using var evaluator = await EvaluatorHarness.StartAsync(reader, endpoint);
        var command = EvaluatorHarness.Command(Guid.NewGuid());

        await evaluator.SendAsync(command);

        Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync());
        Assert.Equal(command.TestObject, reader.RequestedUri);
        Assert.All(endpoint.ContentTypes, c => Assert.Equal("text/csv", c));
        Assert.All(endpoint.Accepts, a => Assert.Equal("application/json", a));
        Assert.All(endpoint.BodySizes, size => Assert.InRange(size, 1, 2048));
    }
}

public sealed class When_many_batches_are_sent
{
    private static double Model(IReadOnlyList<double> x) => x.Sum();

    [Fact]
    public async Task Never_has_more_calls_in_flight_than_allowed()
    {
        var reader = new TestSetDouble(TestSetDouble.Linear(new Random(13), 1500, Model));
        var endpoint = new LinearEndpointDouble(Model) { Latency = TimeSpan.FromMilliseconds(10) };
        await using var evaluator = await EvaluatorHarness.StartAsync(reader, endpoint,
            new Dictionary<string, string?> { ["Evaluator:MaxConcurrency"] = "3" });

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var evaluated = Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync());
        Assert.Equal(1500, evaluated.Metrics.Rows);
        Assert.InRange(endpoint.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task Reads_the_test_set_only_as_far_as_the_batches_in_flight()
    {
        const int maxConcurrency = 3;
        var reader = new TestSetDouble(TestSetDouble.Linear(new Random(14), 5000, Model));
        var rowsReadWhenFull = -1;
        var endpoint = new LinearEndpointDouble(Model)
        {
            Latency = TimeSpan.FromMilliseconds(5),
            OnCallStarted = async inFlight =>
            {
                if (inFlight == maxConcurrency && Interlocked.CompareExchange(ref rowsReadWhenFull, reader.Yielded, -1) == -1)
                    await Task.Delay(50);
            },
        };
        await using var evaluator = await EvaluatorHarness.StartAsync(reader, endpoint,
            new Dictionary<string, string?> { ["Evaluator:MaxConcurrency"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync());
        // A row of 25 features is at least 49 bytes ("0,0,...,0"), so a 2 KB batch holds at most 41 rows.
        Assert.InRange(rowsReadWhenFull, 1, (maxConcurrency + 2) * 41);
        Assert.Equal(5000, reader.Yielded);
    }
}
