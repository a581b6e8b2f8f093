using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using Pipeline.Storage;
using Pipeline.Storage.Local;
using Pipeline.Testing;

namespace Pipeline.Evaluator.Tests;

/// <summary>
/// The Evaluator as its host registers it, on the test harness, with the given doubles and a real object store in a
/// temporary folder (where the predictions go).
/// </summary>
public sealed class EvaluatorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string _storeRoot;

    private EvaluatorHarness(ServiceProvider provider, string storeRoot)
    {
        _provider = provider;
        _storeRoot = storeRoot;
        Harness = provider.GetRequiredService<ITestHarness>();
        Store = provider.GetRequiredService<IObjectStore>();
    }

    public ITestHarness Harness { get; }

    public IObjectStore Store { get; }

    public static async Task<EvaluatorHarness> StartAsync(ITestSetReader reader, IEndpointInvoker invoker,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Evaluator:MaxBatchBytes"] = "2048",
                ["Evaluator:ThrottleRetryDelay"] = "00:00:00.001",
                ["Evaluator:RetryLimit"] = "0",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEvaluator(configuration);
        services.AddSingleton(reader);
        services.AddSingleton(invoker);
        // A store of its own unless the test configures one (section Storage).
        var storeRoot = Directory.CreateTempSubdirectory("evaluator-store-").FullName;
        if (configuration["Storage:Kind"] is null)
            services.AddSingleton<IObjectStore>(new LocalFolderObjectStore(storeRoot));
        configure?.Invoke(services);
        services.AddPipelineTestHarness();

        var provider = services.BuildServiceProvider(true);
        var harness = new EvaluatorHarness(provider, storeRoot);
        await harness.Harness.Start();
        return harness;
    }

    public static EvaluateEndpoint Command(Guid experimentId) => new()
    {
        ExperimentId = experimentId,
        Variant = "replicated",
        EndpointName = $"replicated-{experimentId:N}",
        TestObject = "s3://bucket/experiments/test/1984.data",
    };

    public async Task SendAsync(EvaluateEndpoint command)
    {
        var endpoint = await Harness.Bus.GetSendEndpoint(ServiceQueues.Address(ServiceQueues.Evaluator));
        await endpoint.Send(command);
    }

    /// <summary>The one outcome the Evaluator published: metrics or a failure.</summary>
    public async Task<object> OutcomeAsync()
    {
        var evaluated = Harness.Published.Any<EndpointEvaluated>();
        var failed = Harness.Published.Any<EndpointEvaluationFailed>();
        await Task.WhenAll(evaluated, failed);
        var outcomes = Harness.Published.Select<EndpointEvaluated>().Select(m => (object)m.Context.Message)
            .Concat(Harness.Published.Select<EndpointEvaluationFailed>().Select(m => m.Context.Message))
            .ToList();
        return Assert.Single(outcomes);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        Directory.Delete(_storeRoot, recursive: true);
    }
}
