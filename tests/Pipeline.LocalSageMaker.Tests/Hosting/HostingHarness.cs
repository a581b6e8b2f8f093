using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Server;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

/// <summary>
/// The hosting engine as registered by AddLocalSageMakerHosting over a local-folder object store in a temporary
/// folder, behind a LocalSageMakerServer on a loopback port; logs recorded.
/// </summary>
public sealed class HostingHarness : IAsyncDisposable
{
    public const string Image = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1";
    public const string Role = "arn:aws:iam::000000000000:role/SageMakerRole";

    private readonly ServiceProvider _provider;
    private readonly LocalSageMakerServer _server;

    private HostingHarness(Dictionary<string, string?> settings)
    {
        Folder = Directory.CreateTempSubdirectory("hosting-tests-").FullName;
        settings["Storage:Kind"] = "Local";
        settings["Storage:Root"] = Path.Combine(Folder, "objects");
        settings["LocalSageMaker:WorkRoot"] = Path.Combine(Folder, "work");
        Directory.CreateDirectory(Path.Combine(Folder, "objects", "bucket"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLocalSageMakerHosting(configuration);
        services.AddSingleton<IEndpointLogs>(Logs);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Engine = _provider.GetRequiredService<HostingEngine>();
        Store = _provider.GetRequiredService<IObjectStore>();
        var route = _provider.GetRequiredService<InvokeEndpointRoute>();
        _server = new LocalSageMakerServer(s =>
        {
            s.AddSingleton<IHostingApi>(Engine);
            s.AddSingleton(route);
        });
    }

    public string Folder { get; }
    public HostingEngine Engine { get; }
    public IObjectStore Store { get; }
    public RecordingEndpointLogs Logs { get; } = new();
    public Uri Address { get; private set; } = null!;

    public static async Task<HostingHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var harness = new HostingHarness(settings ?? []);
        harness.Address = await harness._server.StartAsync();
        return harness;
    }

    /// <summary>Clients of Pipeline.Aws pointed at this server (no retries, so errors show as they come).</summary>
    public AwsClients Clients() => new(
        new AwsClientOptions
        {
            Region = "us-east-1",
            SageMakerServiceUrl = Address.ToString(),
            SageMakerRuntimeServiceUrl = Address.ToString(),
            MaxAttempts = 1,
        },
        new AwsCredentialsSource(new BasicAWSCredentials("test", "test")));

    /// <summary>Uploads <paramref name="model"/> and creates a model, a config with one variant and the endpoint; waits for InService.</summary>
    public async Task<string> DeployAsync(TestModel model, string name, int instances = 1)
    {
        var url = $"s3://bucket/{name}/model.tar.gz";
        await model.UploadAsync(Store, url, Folder);
        await CreateModelAsync(name, url);
        await Engine.CreateEndpointConfigAsync(Config(name, name, instances), CancellationToken.None);
        await Engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = name, EndpointConfigName = name }, CancellationToken.None);
        var status = await WaitWhileAsync(name, HostedEndpoint.Creating);
        if (status.EndpointStatus != HostedEndpoint.InService)
            throw new InvalidOperationException($"Endpoint {name} is {status.EndpointStatus}: {status.FailureReason}");
        return name;
    }

    public Task<CreateModelResponse> CreateModelAsync(string name, string modelDataUrl, string image = Image) =>
        Engine.CreateModelAsync(new CreateModelRequest
        {
            ModelName = name,
            ExecutionRoleArn = Role,
            PrimaryContainer = new ContainerDefinition { Image = image, ModelDataUrl = modelDataUrl },
        }, CancellationToken.None);

    public static CreateEndpointConfigRequest Config(string name, string modelName, int instances = 1) => new()
    {
        EndpointConfigName = name,
        ProductionVariants =
        [
            new ProductionVariant { VariantName = "AllTraffic", ModelName = modelName, InstanceType = "ml.m5.large", InitialInstanceCount = instances },
        ],
    };

    /// <summary>Describes the endpoint until its status is not <paramref name="status"/> (or it is gone: null), for up to 20 s.</summary>
    public async Task<DescribeEndpointResponse> WaitWhileAsync(string name, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var described = await Engine.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = name }, CancellationToken.None);
            if (described.EndpointStatus != status || DateTime.UtcNow > deadline)
                return described;
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
