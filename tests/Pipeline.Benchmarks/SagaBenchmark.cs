using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Contracts;
using Pipeline.Coordinator;
using Pipeline.ServiceDefaults;
using Pipeline.Testing;

namespace Pipeline.Benchmarks;

/// <summary>
/// Experiments per second through the experiment saga with many experiments at once, the platform answering every
/// command instantly (<see cref="InstantPlatform"/>): in-memory transport and saga store, then our SQS transport with
/// the DynamoDB saga store on a moto_server. Every experiment must complete, none lost.
/// </summary>
internal static class SagaBenchmark
{
    private const string OutcomesQueue = "bench-outcomes";

    public static async Task<int> RunAsync(int experiments, TimeSpan timeout)
    {
        Console.WriteLine($"saga: {experiments} experiments started at once, every command answered at once, up to {timeout.TotalMinutes:0} min each");
        var inMemory = await MeasureAsync("in-memory transport, in-memory saga store", experiments, timeout, new Dictionary<string, string?>(), credentials: null);

        var moto = new MotoServer();
        await moto.InitializeAsync();
        Outcome onMoto;
        try
        {
            var scope = $"bench{Guid.NewGuid():N}"[..13];
            onMoto = await MeasureAsync($"SQS transport, DynamoDB saga store (moto_server {moto.EndpointUrl})", experiments, timeout,
                new Dictionary<string, string?>
                {
                    ["Messaging:Transport"] = MessagingOptions.Sqs,
                    ["Messaging:SqsTransport:ServiceUrl"] = moto.EndpointUrl,
                    ["Messaging:SqsTransport:Region"] = MotoServer.Region,
                    ["Messaging:SqsTransport:Scope"] = scope,
                    ["Saga:Store"] = SagaStoreOptions.DynamoDbStore,
                    ["Saga:DynamoDb:ServiceUrl"] = moto.EndpointUrl,
                    ["Saga:DynamoDb:Region"] = MotoServer.Region,
                    ["Saga:DynamoDb:TableName"] = $"{scope}-sagas",
                    ["Saga:DynamoDb:CreateTable"] = "true",
                }, MotoServer.Credentials);
        }
        finally
        {
            await moto.DisposeAsync();
        }

        Console.WriteLine($"in-memory against SQS + DynamoDB on moto_server: {inMemory.PerSecond / onMoto.PerSecond:0}x the experiments/s");
        return inMemory.AllCompleted && onMoto.AllCompleted ? 0 : 1;
    }

    private sealed record Outcome(bool AllCompleted, double PerSecond);

    private static async Task<Outcome> MeasureAsync(string label, int experiments, TimeSpan timeout,
        Dictionary<string, string?> settings, Amazon.Runtime.AWSCredentials? credentials)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (credentials is not null)
            builder.Services.AddSingleton(credentials);
        var outcomes = new Outcomes(experiments);
        builder.Services.AddSingleton(outcomes);
        builder.Services.AddCoordinator(builder.Configuration);
        builder.Services.AddBusRegistration(bus =>
        {
            InstantPlatform.AddTo(bus);
            bus.AddConsumer<OutcomeCounter>().Endpoint(e => e.Name = OutcomesQueue);
        });
        builder.Services.AddPipelineMessaging(builder.Configuration, allServicesInThisProcess: true);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, experiments), new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (_, cancellationToken) => await bus.Publish(new StartExperiment { ExperimentId = Guid.NewGuid(), Spec = Spec() }, cancellationToken));
            var published = clock.Elapsed;
            while (!outcomes.All.IsCompleted && clock.Elapsed < timeout)
            {
                await Task.WhenAny(outcomes.All, Task.Delay(TimeSpan.FromSeconds(5)));
                if (!outcomes.All.IsCompleted)
                    Console.WriteLine($"  ... {outcomes.Ended} of {experiments} ended after {clock.Elapsed.TotalSeconds:0} s");
            }

            var elapsed = clock.Elapsed;
            var completed = outcomes.Completed;
            var perSecond = completed / elapsed.TotalSeconds;
            Console.WriteLine($"{label}: {completed} of {experiments} completed, {outcomes.Ended - completed} failed, "
                + $"{experiments - outcomes.Ended} lost or unfinished; published in {published.TotalSeconds:0.0} s, all ended in "
                + $"{elapsed.TotalSeconds:0.0} s: {perSecond:0.0} experiments/s");
            foreach (var reason in outcomes.Failures.Take(3))
                Console.WriteLine($"  failed: {reason}");
            return new Outcome(completed == experiments, perSecond);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>What the Coordinator's own tests run: the notebook's experiment on generated data.</summary>
    private static ExperimentSpec Spec() => new()
    {
        Name = "saga-benchmark",
        Bucket = "pipeline-bench",
        RoleArn = "arn:aws:iam::000000000000:role/pipeline-bench",
        Data = new DataSourceSpec { Kind = DataSourceKind.Generated, RowsPerYear = 1000 },
    };

    private sealed class Outcomes(int expected)
    {
        private readonly ConcurrentDictionary<Guid, bool> _ended = new();
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Failures { get; } = new();

        public Task All => _all.Task;

        public int Ended => _ended.Count;

        public int Completed => _ended.Count(e => e.Value);

        public void End(Guid experimentId, bool completed, string? failure = null)
        {
            if (!_ended.TryAdd(experimentId, completed))
                return;
            if (failure is not null)
                Failures.Enqueue(failure);
            if (_ended.Count == expected)
                _all.TrySetResult();
        }
    }

    private sealed class OutcomeCounter(Outcomes outcomes)
        : IConsumer<ExperimentCompleted>, IConsumer<ExperimentFailed>, IConsumer<ExperimentCancelled>, IConsumer<ExperimentRejected>
    {
        public Task Consume(ConsumeContext<ExperimentCompleted> context)
        {
            outcomes.End(context.Message.ExperimentId, completed: true);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ExperimentFailed> context)
        {
            outcomes.End(context.Message.ExperimentId, completed: false, $"{context.Message.Stage}: {context.Message.Reason}");
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ExperimentCancelled> context)
        {
            outcomes.End(context.Message.ExperimentId, completed: false, $"cancelled in {context.Message.Stage}: {context.Message.Reason}");
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ExperimentRejected> context)
        {
            outcomes.End(context.Message.ExperimentId, completed: false, $"rejected: {string.Join("; ", context.Message.Problems)}");
            return Task.CompletedTask;
        }
    }
}
