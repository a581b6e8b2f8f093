using MassTransit.Testing;
using Pipeline.Contracts;

namespace Pipeline.Deployer.Tests;

/// <summary>Evaluation by batch transform needs the model and nothing else.</summary>
public sealed class When_deploying_a_model_only
{
    [Fact]
    public async Task Creates_the_model_alone_and_reports_it_created()
    {
        await using var deployer = await DeployerHarness.StartAsync();
        var command = DeployerHarness.DeployCommand(Guid.NewGuid(), "sharded") with { ModelOnly = true };

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(command);

        Assert.True(await deployer.Harness.Published.Any<ModelCreated>());
        var created = deployer.Harness.Published.Select<ModelCreated>().Single().Context.Message;
        Assert.Equal(new ModelCreated { ExperimentId = command.ExperimentId, Variant = "sharded", ModelName = command.ModelName }, created);
        var model = Assert.Single(deployer.Hosting.CreatedModels);
        Assert.Equal(command.ModelArtifactUri, model.ModelDataUrl);
        Assert.Empty(deployer.Hosting.CreatedEndpointConfigs);
        Assert.Empty(deployer.Hosting.CreatedEndpoints);
        Assert.Equal(["CreateModel " + command.ModelName], deployer.Hosting.Calls);
        Assert.False(await deployer.Harness.Published.Any<EndpointInService>());
        Assert.False(await deployer.Harness.Sent.Any<CheckEndpointStatus>());
    }
}
