using MassTransit;
using Pipeline.Data.RecordIO;
using System.Text;
using Pipeline.Aws;
using Pipeline.Contracts;
using Pipeline.Evaluator.Tests.Doubles;

namespace Pipeline.Evaluator.Tests;

public sealed class When_evaluation_cannot_succeed
{
    private static double Model(IReadOnlyList<double> x) => x[0];

    private static TestSetDouble Rows(int count) => new(TestSetDouble.Linear(new Random(21), count, Model));

    [Fact]
    public async Task Reports_a_batch_answered_with_too_few_predictions()
    {
        var endpoint = new LinearEndpointDouble(Model) { Override = (call, scores) => call == 3 ? LinearEndpointDouble.Answer(scores[..^1]) : null };
        await using var evaluator = await EvaluatorHarness.StartAsync(Rows(400), endpoint,
            new Dictionary<string, string?> { ["Evaluator:MaxConcurrency"] = "1" });
        var command = EvaluatorHarness.Command(Guid.NewGuid());

        await evaluator.SendAsync(command);

        var failed = Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Equal(command.EndpointName, failed.EndpointName);
        Assert.Equal(command.Variant, failed.Variant);
        Assert.Matches(@"returned (\d+) predictions for batch 2 .* which has \d+ rows", failed.Reason);
    }

    [Fact]
    public async Task Reports_an_answer_that_is_not_predictions()
    {
        var endpoint = new LinearEndpointDouble(Model)
        {
            Override = (_, _) => new EndpointResponse(Encoding.UTF8.GetBytes("""{"message":"model error"}"""), "application/json"),
        };
        await using var evaluator = await EvaluatorHarness.StartAsync(Rows(50), endpoint);

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var failed = Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Contains("predictions", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_an_empty_test_set()
    {
        var endpoint = new LinearEndpointDouble(Model);
        await using var evaluator = await EvaluatorHarness.StartAsync(Rows(0), endpoint);
        var command = EvaluatorHarness.Command(Guid.NewGuid());

        await evaluator.SendAsync(command);

        var failed = Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Contains("no rows", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(command.TestObject, failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, endpoint.Calls);
    }

    [Fact]
    public async Task Reports_the_endpoints_refusal()
    {
        var endpoint = new LinearEndpointDouble(Model)
        {
            Failure = _ => new ValidationException("Endpoint replicated-x of account 123456789012 not found."),
        };
        await using var evaluator = await EvaluatorHarness.StartAsync(Rows(50), endpoint);

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var failed = Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Contains("not found", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_test_row_too_large_to_send()
    {
        var huge = new DenseRow(Enumerable.Repeat(-123.456f, 300).ToArray(), 1);
        var endpoint = new LinearEndpointDouble(Model);
        await using var evaluator = await EvaluatorHarness.StartAsync(new TestSetDouble([huge]), endpoint);

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var failed = Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Contains("MaxBatchBytes", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, endpoint.Calls);
    }
}

public sealed class When_the_endpoint_throttles
{
    private static double Model(IReadOnlyList<double> x) => x[0] - x[1];

    [Fact]
    public async Task Retries_the_batch_and_still_scores_every_row()
    {
        var rows = TestSetDouble.Linear(new Random(31), 300, Model);
        var endpoint = new LinearEndpointDouble(Model) { Failure = call => call is 2 or 3 or 7 ? new ThrottlingException("Rate exceeded") : null };
        await using var evaluator = await EvaluatorHarness.StartAsync(new TestSetDouble(rows), endpoint);

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var evaluated = Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync());
        Assert.Equal(300, evaluated.Metrics.Rows);
        Assert.Equal(endpoint.Calls - 3, evaluated.Metrics.Invocations);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries()
    {
        var endpoint = new LinearEndpointDouble(Model) { Failure = _ => new ThrottlingException("Rate exceeded") };
        await using var evaluator = await EvaluatorHarness.StartAsync(new TestSetDouble(TestSetDouble.Linear(new Random(32), 5, Model)), endpoint,
            new Dictionary<string, string?> { ["Evaluator:ThrottleRetries"] = "3" });

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var failed = Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Contains("throttling", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(4, endpoint.Calls);
    }
}

public sealed class When_reading_the_test_set_is_throttled
{
    [Fact]
    public async Task The_evaluation_faults_once_without_the_consumer_retrying_it()
    {
        var reader = new ThrottledTestSet();
        await using var evaluator = await EvaluatorHarness.StartAsync(reader, new LinearEndpointDouble(x => x[0]),
            new Dictionary<string, string?> { ["Evaluator:RetryLimit"] = "2", ["Evaluator:RetryInterval"] = "00:00:00.001" });

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        Assert.True(await evaluator.Harness.Published.Any<Fault<EvaluateEndpoint>>());
        Assert.Equal(1, reader.Reads);
    }

    private sealed class ThrottledTestSet : ITestSetReader
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public IAsyncEnumerable<DenseRow> ReadAsync(string testObjectUri, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            throw new ThrottlingException("Please reduce your request rate.");
        }
    }
}
