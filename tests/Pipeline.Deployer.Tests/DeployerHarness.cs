using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.Deployer.Tests.Doubles;
using Pipeline.ServiceDefaults;
using Pipeline.Testing;

namespace Pipeline.Deployer.Tests;

/// <summary>The Deployer as its host registers it, on the test harness, with a hosting double and millisecond delays.</summary>
public sealed class DeployerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private DeployerHarness(ServiceProvider provider, EndpointHostingDouble hosting)
    {
        _provider = provider;
        Hosting = hosting;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }
    public EndpointHostingDouble Hosting { get; }

    public static async Task<DeployerHarness> StartAsync(EndpointHostingDouble? hosting = null, IDictionary<string, string?>? settings = null)
    {
        hosting ??= new EndpointHostingDouble();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Deployer:PollInterval"] = "00:00:00.005",
                ["Deployer:MaxThrottleBackoff"] = "00:00:00.020",
                ["Deployer:RetryLimit"] = "2",
                ["Deployer:RetryInterval"] = "00:00:00.001",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddDeployer(configuration);
        services.AddSingleton<IEndpointHosting>(hosting);
        services.AddPipelineTestHarness();

        var provider = services.BuildServiceProvider(true);
        var harness = new DeployerHarness(provider, hosting);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>
    /// Production names are all the same (<see cref="ResourceNames"/>); these differ per kind so that a test
    /// sees a name passed in the wrong place.
    /// </summary>
    public static DeployModel DeployCommand(Guid experimentId, string variant = "sharded") => new()
    {
        ExperimentId = experimentId,
        Variant = variant,
        ModelName = $"{variant}-model-{experimentId:N}",
        EndpointConfigName = $"{variant}-config-{experimentId:N}",
        EndpointName = $"{variant}-endpoint-{experimentId:N}",
        Image = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1",
        ModelArtifactUri = $"s3://bucket/experiments/{variant}-{experimentId:N}/output/model.tar.gz",
        RoleArn = "arn:aws:iam::123456789012:role/SageMakerRole",
        InstanceType = "ml.m4.xlarge",
        InstanceCount = 2,
        Tags = new Dictionary<string, string> { ["experiment"] = experimentId.ToString(), ["variant"] = variant },
    };

    public static TeardownEndpoint TeardownCommand(Guid experimentId, string variant = "sharded") => new()
    {
        ExperimentId = experimentId,
        Variant = variant,
        EndpointName = $"{variant}-endpoint-{experimentId:N}",
        EndpointConfigName = $"{variant}-config-{experimentId:N}",
        ModelName = $"{variant}-model-{experimentId:N}",
    };

    /// <summary>Sends a command to the queue of the consumer that owns it, as the saga does.</summary>
    public async Task SendAsync<TConsumer, TMessage>(TMessage message)
        where TConsumer : class, IConsumer
        where TMessage : class
    {
        var endpoint = await Harness.Bus.GetSendEndpoint(ServiceQueues.Address(ServiceQueues.Deployer));
        await endpoint.Send(message);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
