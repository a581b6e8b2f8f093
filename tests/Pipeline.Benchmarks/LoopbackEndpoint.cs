using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Training;
using Pipeline.Storage;

namespace Pipeline.Benchmarks;

/// <summary>
/// A model hosted on a LocalSageMaker endpoint of one instance, reached through the Runtime route of a server on a
/// loopback port (client → main server → instance server). The model's files are packed as model.tar.gz, as training
/// packs them, into a local-folder object store.
/// </summary>
internal sealed class LoopbackEndpoint : IAsyncDisposable
{
    private const string Name = "benchmark";

    private readonly ServiceProvider _provider;
    private readonly LocalSageMakerServer _server;
    private bool _deployed;

    private LoopbackEndpoint(ServiceProvider provider, LocalSageMakerServer server, Uri invocations)
    {
        _provider = provider;
        _server = server;
        Invocations = invocations;
    }

    /// <summary>The endpoint's /invocations URL on the main server.</summary>
    public Uri Invocations { get; }

    /// <param name="work">A folder for the object store and the instance's work.</param>
    /// <param name="modelFolder">The files to pack at the root of model.tar.gz.</param>
    /// <param name="image">The model's container image.</param>
    public static async Task<LoopbackEndpoint> StartAsync(string work, string modelFolder, string image)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Local",
            ["Storage:Root"] = Path.Combine(work, "objects"),
            ["LocalSageMaker:WorkRoot"] = Path.Combine(work, "work"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLocalSageMakerHosting(configuration);
        services.AddSingleton<IEndpointLogs, CountingLogs>();
        var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<HostingEngine>();
        var url = $"s3://bucket/{Name}/model.tar.gz";
        await Upload(provider.GetRequiredService<IObjectStore>(), url, modelFolder);
        var route = provider.GetRequiredService<InvokeEndpointRoute>();
        var server = new LocalSageMakerServer(s =>
        {
            s.AddSingleton<IHostingApi>(engine);
            s.AddSingleton(route);
        });
        var address = await server.StartAsync();
        var endpoint = new LoopbackEndpoint(provider, server, new Uri(address, $"endpoints/{Name}/invocations"));
        try
        {
            await Deploy(engine, url, image);
            endpoint._deployed = true;
        }
        catch
        {
            await endpoint.DisposeAsync();
            throw;
        }

        return endpoint;
    }

    /// <summary>Deletes the endpoint (when it came into service), then stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_deployed)
            await _provider.GetRequiredService<HostingEngine>().DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = Name }, CancellationToken.None);
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private static async Task Upload(IObjectStore store, string url, string modelFolder) =>
        await store.WriteAsync(url, async (stream, ct) =>
        {
            await using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            await TarFile.CreateFromDirectoryAsync(modelFolder, gzip, includeBaseDirectory: false, ct);
        }, CancellationToken.None);

    private static async Task Deploy(HostingEngine engine, string url, string image)
    {
        await engine.CreateModelAsync(new CreateModelRequest
        {
            ModelName = Name,
            PrimaryContainer = new ContainerDefinition { Image = image, ModelDataUrl = url },
        }, CancellationToken.None);
        await engine.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = Name,
            ProductionVariants = [new ProductionVariant { VariantName = "AllTraffic", ModelName = Name, InstanceType = "ml.m5.large", InitialInstanceCount = 1 }],
        }, CancellationToken.None);
        await engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = Name, EndpointConfigName = Name }, CancellationToken.None);
        while ((await engine.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = Name }, CancellationToken.None)).EndpointStatus is var status
               && status != HostedEndpoint.InService)
        {
            if (status == HostedEndpoint.Failed)
                throw new InvalidOperationException("The benchmark endpoint failed.");
            await Task.Delay(10);
        }
    }

    private sealed class CountingLogs : IEndpointLogs
    {
        public IHostLog OpenStream(string logGroupName, string logStreamName) => new Counter();

        private sealed class Counter : IHostLog
        {
            public long Lines { get; private set; }

            public void Write(string line) => Lines++;
        }
    }
}
