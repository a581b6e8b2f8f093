using MassTransit.Testing;
using Pipeline.Contracts;
using Pipeline.Deployer.Tests.Doubles;

namespace Pipeline.Deployer.Tests;

public sealed class When_deploying_a_model
{
    [Fact]
    public async Task Creates_model_config_and_endpoint_with_the_commanded_names()
    {
        await using var deployer = await DeployerHarness.StartAsync();
        var command = DeployerHarness.DeployCommand(Guid.NewGuid());

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointInService>(x => x.Context.Message.ExperimentId == command.ExperimentId));
        var model = Assert.Single(deployer.Hosting.CreatedModels);
        Assert.Equal(command.ModelName, model.ModelName);
        Assert.Equal(command.Image, model.Image);
        Assert.Equal(command.ModelArtifactUri, model.ModelDataUrl);
        Assert.Equal(command.RoleArn, model.RoleArn);
        Assert.Equal(command.Tags, model.Tags);

        var config = Assert.Single(deployer.Hosting.CreatedEndpointConfigs);
        Assert.Equal(command.EndpointConfigName, config.EndpointConfigName);
        Assert.Equal(command.ModelName, config.ModelName);
        Assert.Equal("AllTraffic", config.VariantName);
        Assert.Equal(command.InstanceType, config.InstanceType);
        Assert.Equal(command.InstanceCount, config.InitialInstanceCount);
        Assert.Equal(command.Tags, config.Tags);

        var endpoint = Assert.Single(deployer.Hosting.CreatedEndpoints);
        Assert.Equal(command.EndpointName, endpoint.EndpointName);
        Assert.Equal(command.EndpointConfigName, endpoint.EndpointConfigName);
        Assert.Equal(command.Tags, endpoint.Tags);

        Assert.Equal(
            ["CreateModel " + command.ModelName, "CreateEndpointConfig " + command.EndpointConfigName, "CreateEndpoint " + command.EndpointName],
            deployer.Hosting.Calls.Take(3));
    }

    [Fact]
    public async Task Reports_in_service_for_the_variant_and_endpoint()
    {
        await using var deployer = await DeployerHarness.StartAsync();
        var command = DeployerHarness.DeployCommand(Guid.NewGuid(), "replicated");

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointInService>());
        var inService = deployer.Harness.Published.Select<EndpointInService>().Single().Context.Message;
        Assert.Equal(new EndpointInService { ExperimentId = command.ExperimentId, Variant = "replicated", EndpointName = command.EndpointName }, inService);
    }
}

public sealed class When_every_resource_already_exists
{
    public static TheoryData<string> Answers => ["ValidationException", "ResourceInUseException"];

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Still_reports_the_endpoint_in_service(string answer)
    {
        var hosting = new EndpointHostingDouble();
        if (answer == "ResourceInUseException")
            hosting.AlreadyExists = (kind, name) => new Pipeline.Aws.ResourceInUseException($"{kind} {name} already in use");
        var command = DeployerHarness.DeployCommand(Guid.NewGuid());
        hosting.Models[command.ModelName] = true;
        hosting.EndpointConfigs[command.EndpointConfigName] = true;
        hosting.Endpoints[command.EndpointName] = true;
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointInService>());
        Assert.False(await deployer.Harness.Published.Any<EndpointDeploymentFailed>());
        // Every create was tried (and refused) exactly once: no retry loop on "already exists".
        Assert.Single(hosting.CreatedModels);
        Assert.Single(hosting.CreatedEndpointConfigs);
        Assert.Single(hosting.CreatedEndpoints);
    }
}

public sealed class When_sagemaker_refuses_the_model
{
    [Fact]
    public async Task Publishes_deployment_failed_without_creating_the_rest()
    {
        var hosting = new EndpointHostingDouble { FailEveryCall = new Pipeline.Aws.ValidationException("Could not access model data at s3://bucket/missing.tar.gz.") };
        await using var deployer = await DeployerHarness.StartAsync(hosting);
        var command = DeployerHarness.DeployCommand(Guid.NewGuid());

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointDeploymentFailed>());
        var failed = deployer.Harness.Published.Select<EndpointDeploymentFailed>().Single().Context.Message;
        Assert.Contains("Could not access model data", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(command.EndpointName, failed.EndpointName);
        Assert.Empty(hosting.CreatedEndpointConfigs);
        Assert.Empty(hosting.CreatedEndpoints);
        Assert.Equal(0, hosting.DescribeCount);
    }
}
