using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;
using Pipeline.LocalSageMaker;
using Pipeline.LocalSageMaker.Server;
using Pipeline.Storage;

namespace Pipeline.Cli.Tests.Sweep;

/// <summary>
/// A LocalSageMaker in this process on a loopback port, and a way to plant the hosting resources a crashed or
/// interrupted experiment leaves: a model, its endpoint config and endpoint, tagged as the pipeline tags them.
/// </summary>
public sealed class LocalSageMakerWithLeftovers : IAsyncDisposable
{
    private const string Image = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1";
    private readonly DirectoryInfo _folder;
    private readonly ServiceProvider _engine;
    private readonly LocalSageMakerServer _server;

    private LocalSageMakerWithLeftovers(DirectoryInfo folder, ServiceProvider engine, LocalSageMakerServer server, Uri address)
    {
        _folder = folder;
        _engine = engine;
        _server = server;
        Address = address;
        Clients = new AwsClients(new AwsClientOptions { Region = "us-east-1", SageMakerServiceUrl = address.ToString(), MaxAttempts = 1 },
            new AwsCredentialsSource(new BasicAWSCredentials("test", "test")));
    }

    public Uri Address { get; }

    public AwsClients Clients { get; }

    public SageMakerClient SageMaker => Clients.SageMaker;

    public static async Task<LocalSageMakerWithLeftovers> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("sweep-lsm-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Local",
            ["Storage:Root"] = Path.Combine(folder.FullName, "store"),
            ["LocalSageMaker:WorkRoot"] = Path.Combine(folder.FullName, "work"),
        }).Build();
        var engine = new ServiceCollection().AddLocalSageMaker(configuration).BuildServiceProvider();
        // Any bytes will do: CreateModel checks the object exists; the endpoints fail to load it, which a sweep does not mind.
        await engine.GetRequiredService<IObjectStore>().WriteAsync("s3://models/model.tar.gz", (s, ct) => s.WriteAsync("not a model"u8.ToArray(), ct).AsTask(), default);
        var server = new LocalSageMakerServer(engine);
        return new LocalSageMakerWithLeftovers(folder, engine, server, await server.StartAsync());
    }

    /// <summary>A model, endpoint config and endpoint named <paramref name="name"/>, tagged with <paramref name="tags"/>.</summary>
    public async Task PlantAsync(string name, IReadOnlyDictionary<string, string> tags, bool endpoint = true)
    {
        var tagList = tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();
        await SageMaker.CreateModelAsync(new CreateModelRequest
        {
            ModelName = name,
            ExecutionRoleArn = "arn:aws:iam::000000000000:role/SageMakerRole",
            PrimaryContainer = new ContainerDefinition { Image = Image, ModelDataUrl = "s3://models/model.tar.gz" },
            Tags = tagList,
        });
        if (!endpoint)
            return;
        await SageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = name,
            ProductionVariants = [new ProductionVariant { VariantName = "AllTraffic", ModelName = name, InstanceType = "ml.m5.large", InitialInstanceCount = 1 }],
            Tags = tagList,
        });
        await SageMaker.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = name, EndpointConfigName = name, Tags = tagList });
    }

    public static IReadOnlyDictionary<string, string> TagsOf(Guid experimentId, string variant = "sharded") => PipelineTags.For(experimentId, variant);

    public async Task<List<string>> ModelsAsync() =>
        [.. (await SageMaker.ListModelsAsync(new ListModelsRequest { MaxResults = 100 })).Models!.Select(m => m.ModelName!).Order(StringComparer.Ordinal)];

    public async Task<List<string>> EndpointConfigsAsync() =>
        [.. (await SageMaker.ListEndpointConfigsAsync(new ListEndpointConfigsRequest { MaxResults = 100 })).EndpointConfigs!.Select(m => m.EndpointConfigName!).Order(StringComparer.Ordinal)];

    /// <summary>Endpoints not being deleted.</summary>
    public async Task<List<string>> EndpointsAsync() =>
        [.. (await SageMaker.ListEndpointsAsync(new ListEndpointsRequest { MaxResults = 100 })).Endpoints!
            .Where(e => e.EndpointStatus != "Deleting").Select(m => m.EndpointName!).Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        await _server.DisposeAsync();
        await _engine.DisposeAsync();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
