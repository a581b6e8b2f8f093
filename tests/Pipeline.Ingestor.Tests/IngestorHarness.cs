using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using Pipeline.Testing;

namespace Pipeline.Ingestor.Tests;

/// <summary>The Ingestor as its host registers it, on the test harness, with a builder double.</summary>
public sealed class IngestorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private IngestorHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    public static async Task<IngestorHarness> StartAsync(IDatasetBuilder builder, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ingestor:RetryLimit"] = "2",
                ["Ingestor:RetryInterval"] = "00:00:00.001",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIngestor(configuration);
        services.AddSingleton(builder);
        services.AddPipelineTestHarness();

        var provider = services.BuildServiceProvider(true);
        var harness = new IngestorHarness(provider);
        await harness.Harness.Start();
        return harness;
    }

    public static IngestDataset Command(Guid experimentId, PreparedDatasetSpec? prepared = null) => new()
    {
        ExperimentId = experimentId,
        Source = new DataSourceSpec { Kind = DataSourceKind.Generated, RowsPerYear = 1000, Prepared = prepared },
        Bucket = "experiments-bucket",
        Prefix = $"runs/{experimentId:N}",
    };

    public async Task SendAsync(IngestDataset command)
    {
        var endpoint = await Harness.Bus.GetSendEndpoint(ServiceQueues.Address(ServiceQueues.Ingestor));
        await endpoint.Send(command);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
