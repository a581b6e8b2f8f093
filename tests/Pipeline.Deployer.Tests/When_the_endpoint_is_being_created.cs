using MassTransit.Testing;
using Pipeline.Aws;
using Pipeline.Contracts;
using Pipeline.Deployer.Tests.Doubles;
using static Pipeline.Deployer.Tests.Doubles.EndpointHostingDouble;

namespace Pipeline.Deployer.Tests;

public sealed class When_the_endpoint_is_being_created
{
    [Fact]
    public async Task Polls_until_in_service_and_reports_it_once()
    {
        var hosting = new EndpointHostingDouble();
        hosting.ScriptDescribe(Status(EndpointStatuses.Creating), Status(EndpointStatuses.Creating), Status(EndpointStatuses.InService));
        await using var deployer = await DeployerHarness.StartAsync(hosting);
        var command = DeployerHarness.DeployCommand(Guid.NewGuid());

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointInService>());
        await deployer.Harness.InactivityTask;
        Assert.Equal(3, hosting.DescribeCount);
        Assert.Single(deployer.Harness.Published.Select<EndpointInService>());
        var attempts = deployer.Harness.Consumed.Select<CheckEndpointStatus>().Select(c => c.Context.Message.Attempt).Order();
        Assert.Equal([0, 1, 2], attempts);
    }

    [Fact]
    public async Task Keeps_polling_through_updating_and_system_updating()
    {
        var hosting = new EndpointHostingDouble();
        hosting.ScriptDescribe(Status(EndpointStatuses.Updating), Status(EndpointStatuses.SystemUpdating), Status(EndpointStatuses.InService));
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(DeployerHarness.DeployCommand(Guid.NewGuid()));

        Assert.True(await deployer.Harness.Published.Any<EndpointInService>());
        Assert.Equal(3, hosting.DescribeCount);
    }
}

public sealed class When_the_endpoint_fails
{
    [Fact]
    public async Task Publishes_deployment_failed_with_sagemakers_reason()
    {
        var hosting = new EndpointHostingDouble();
        hosting.ScriptDescribe(Status(EndpointStatuses.Creating),
            Status(EndpointStatuses.Failed, "The primary container for production variant AllTraffic did not pass the ping health check."));
        await using var deployer = await DeployerHarness.StartAsync(hosting);
        var command = DeployerHarness.DeployCommand(Guid.NewGuid());

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointDeploymentFailed>());
        await deployer.Harness.InactivityTask;
        var failed = Assert.Single(deployer.Harness.Published.Select<EndpointDeploymentFailed>()).Context.Message;
        Assert.Equal(command.ExperimentId, failed.ExperimentId);
        Assert.Equal(command.Variant, failed.Variant);
        Assert.Contains("did not pass the ping health check", failed.Reason, StringComparison.Ordinal);
        Assert.False(await deployer.Harness.Published.Any<EndpointInService>());
        Assert.Equal(2, hosting.DescribeCount);
    }

    [Theory]
    [InlineData(EndpointStatuses.OutOfService)]
    [InlineData(EndpointStatuses.RollingBack)]
    [InlineData(EndpointStatuses.Deleting)]
    public async Task Gives_up_on_a_status_that_does_not_lead_to_in_service(string status)
    {
        var hosting = new EndpointHostingDouble();
        hosting.ScriptDescribe(Status(status));
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(DeployerHarness.DeployCommand(Guid.NewGuid()));

        Assert.True(await deployer.Harness.Published.Any<EndpointDeploymentFailed>());
        var failed = deployer.Harness.Published.Select<EndpointDeploymentFailed>().Single().Context.Message;
        Assert.Contains(status, failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, hosting.DescribeCount);
    }

    [Fact]
    public async Task Reports_an_endpoint_that_disappeared()
    {
        var hosting = new EndpointHostingDouble();
        var command = DeployerHarness.DeployCommand(Guid.NewGuid());
        hosting.ScriptDescribe(Throws(new ValidationException($"Could not find endpoint \"{command.EndpointName}\".")));
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointDeploymentFailed>());
        var failed = deployer.Harness.Published.Select<EndpointDeploymentFailed>().Single().Context.Message;
        Assert.Contains("does not exist", failed.Reason, StringComparison.Ordinal);
    }
}

public sealed class When_describe_endpoint_is_refused
{
    [Fact]
    public async Task Publishes_deployment_failed_with_the_services_message()
    {
        var hosting = new EndpointHostingDouble();
        hosting.ScriptDescribe(Throws(new ValidationException("1 validation error detected: Value at 'endpointName' failed to satisfy constraint")));
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(DeployerHarness.DeployCommand(Guid.NewGuid()));

        Assert.True(await deployer.Harness.Published.Any<EndpointDeploymentFailed>());
        var failed = deployer.Harness.Published.Select<EndpointDeploymentFailed>().Single().Context.Message;
        Assert.Contains("failed to satisfy constraint", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, hosting.DescribeCount);
    }
}

public sealed class When_describe_endpoint_is_throttled
{
    [Fact]
    public async Task Polls_again_counting_the_throttled_polls()
    {
        var hosting = new EndpointHostingDouble();
        hosting.ScriptDescribe(Throws(new ThrottlingException("Rate exceeded")), Throws(new ThrottlingException("Rate exceeded")),
            Status(EndpointStatuses.Creating), Status(EndpointStatuses.InService));
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<DeployModelConsumer, DeployModel>(DeployerHarness.DeployCommand(Guid.NewGuid()));

        Assert.True(await deployer.Harness.Published.Any<EndpointInService>());
        await deployer.Harness.InactivityTask;
        var polls = deployer.Harness.Consumed.Select<CheckEndpointStatus>().Select(c => c.Context.Message)
            .OrderBy(m => m.Attempt).Select(m => (m.Attempt, m.Throttled));
        // Throttled counts throttled polls in a row and starts again after an answer.
        Assert.Equal([(0, 0), (1, 1), (2, 2), (3, 0)], polls);
        Assert.False(await deployer.Harness.Published.Any<EndpointDeploymentFailed>());
    }
}
