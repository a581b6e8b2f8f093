using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.Testing;

namespace Pipeline.Deployer.Tests.Aws;

/// <summary>The Deployer's adapter as AddDeployer registers it, against moto_server (whose endpoints are InService at once).</summary>
public sealed class When_the_deployer_hosts_on_SageMaker(MotoServer moto) : IClassFixture<MotoServer>
{
    [Fact]
    public async Task A_model_config_and_endpoint_are_created_as_asked_then_deleted_until_not_found()
    {
        var services = new ServiceCollection().AddDeployer(new ConfigurationBuilder().AddInMemoryCollection(moto.AwsSettings()).Build());
        services.AddSingleton(MotoServer.AwsCredentials());
        await using var provider = services.BuildServiceProvider(true);
        var hosting = provider.GetRequiredService<IEndpointHosting>();
        var sageMaker = provider.GetRequiredService<SageMakerClient>();
        var name = $"sharded-{Guid.NewGuid():N}";
        var tags = new Dictionary<string, string> { ["experiment"] = "e-1" };
        var none = CancellationToken.None;

        await hosting.CreateModelAsync(name, "linear-learner:1", $"s3://bucket/output/{name}/output/model.tar.gz", "arn:aws:iam::123456789012:role/R", tags, none);
        await hosting.CreateEndpointConfigAsync(name, name, "AllTraffic", "ml.m5.large", 2, tags, none);
        await hosting.CreateEndpointAsync(name, name, tags, none);
        var described = await hosting.DescribeEndpointAsync(name, none);

        Assert.Equal(EndpointStatuses.InService, described.EndpointStatus);
        Assert.Null(described.FailureReason);
        var model = await sageMaker.DescribeModelAsync(new DescribeModelRequest { ModelName = name });
        Assert.Equal("arn:aws:iam::123456789012:role/R", model.ExecutionRoleArn);
        var variant = Assert.Single((await sageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest { EndpointConfigName = name })).ProductionVariants!);
        Assert.Equal(("AllTraffic", name, 2, "ml.m5.large", 1f), (variant.VariantName, variant.ModelName, variant.InitialInstanceCount, variant.InstanceType, variant.InitialVariantWeight));
        Assert.Equal(name, (await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = name })).EndpointConfigName);

        await hosting.DeleteEndpointAsync(name, none);
        await hosting.DeleteEndpointConfigAsync(name, none);
        await hosting.DeleteModelAsync(name, none);

        // What the Deployer's teardown relies on: a second delete and a describe of the gone endpoint read as "not found".
        Assert.True(HostingErrors.IsNotFound(await Assert.ThrowsAnyAsync<Exception>(() => hosting.DescribeEndpointAsync(name, none))));
        Assert.True(HostingErrors.IsNotFound(await Assert.ThrowsAnyAsync<Exception>(() => hosting.DeleteEndpointAsync(name, none))));
        Assert.True(HostingErrors.IsNotFound(await Assert.ThrowsAnyAsync<Exception>(() => hosting.DeleteEndpointConfigAsync(name, none))));
        Assert.True(HostingErrors.IsNotFound(await Assert.ThrowsAnyAsync<Exception>(() => hosting.DeleteModelAsync(name, none))));
    }
}
