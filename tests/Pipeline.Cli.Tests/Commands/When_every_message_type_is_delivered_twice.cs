using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>
/// At-least-once delivery: the whole experiment (every service in the process, LocalSageMaker embedded) with the first
/// message of every type handed to its consumer or saga twice, as SQS does after a lost delete.
/// </summary>
public sealed class When_every_message_type_is_delivered_twice : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_experiment_completes_as_with_single_deliveries()
    {
        var twice = new DeliveredTwice();
        var outFolder = Path.Combine(_folder.Path, "run");

        var (exitCode, console) = await Run(["run", "--out", outFolder, "--rows-per-year", "4000"], services =>
            {
                services.AddSingleton(twice);
                services.AddBusRegistration(bus => bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
                    endpoint.UseConsumeFilter(typeof(DeliverFirstOfEachTypeTwice<>), context)));
            })
            .WaitAsync(TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, string.Join('\n', console.Lines));
        // Every message type of the flow was among those delivered twice, the saga's included.
        foreach (var type in new[]
                 {
                     typeof(StartExperiment), typeof(IngestDataset), typeof(DatasetIngested), typeof(StartTrainingJob), typeof(TrainingJobStarted),
                     typeof(WatchTrainingJob), typeof(TrainingJobCompleted), typeof(DeployModel), typeof(CheckEndpointStatus), typeof(EndpointInService),
                     typeof(EvaluateEndpoint), typeof(EndpointEvaluated), typeof(TeardownEndpoint), typeof(EndpointDeleted),
                 })
            Assert.True(twice.Deliveries.Keys.Any(k => k.Type == type && !k.Endpoint.Contains("progress", StringComparison.Ordinal)),
                $"{type.Name} was not delivered twice to a service; twice: {string.Join(", ", twice.Deliveries.Keys.Select(k => $"{k.Type.Name} at {k.Endpoint}"))}");

        var report = await ReportJsonFile.ReadAsync(outFolder);
        Assert.Equal(["replicated", "sharded"], report.Variants.Select(v => v.Variant).Order());
        foreach (var variant in report.Variants)
        {
            Assert.Equal(report.Dataset.Counts!.TestRows, variant.Metrics.Rows);
            Assert.True(variant.Metrics.R2 > 0, $"{variant.Variant}: R2 {variant.Metrics.R2}");
        }
    }

    /// <summary>The (endpoint, message type) pairs whose first message was delivered twice.</summary>
    public sealed class DeliveredTwice
    {
        public ConcurrentDictionary<(string Endpoint, Type Type), bool> Deliveries { get; } = new();
    }

    /// <summary>
    /// Passes the first message of each type at each endpoint down the pipe twice, later ones once (else each copy's
    /// copies would multiply).
    /// </summary>
    public sealed class DeliverFirstOfEachTypeTwice<T>(DeliveredTwice twice) : IFilter<ConsumeContext<T>>
        where T : class
    {
        public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
        {
            await next.Send(context);
            if (twice.Deliveries.TryAdd((context.ReceiveContext.InputAddress.AbsolutePath, typeof(T)), true))
                await next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("deliverTwice");
    }
}
