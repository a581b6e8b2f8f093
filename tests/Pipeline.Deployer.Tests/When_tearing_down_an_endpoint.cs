using MassTransit;
using MassTransit.Testing;
using Pipeline.Aws;
using Pipeline.Contracts;
using Pipeline.Deployer.Tests.Doubles;

namespace Pipeline.Deployer.Tests;

public sealed class When_tearing_down_an_endpoint
{
    [Fact]
    public async Task Deletes_endpoint_then_config_then_model_by_their_names()
    {
        var hosting = new EndpointHostingDouble();
        var command = DeployerHarness.TeardownCommand(Guid.NewGuid());
        hosting.Endpoints[command.EndpointName] = true;
        hosting.EndpointConfigs[command.EndpointConfigName] = true;
        hosting.Models[command.ModelName] = true;
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointDeleted>());
        Assert.Equal(
            ["StopTransformJob " + command.ModelName, "DeleteEndpoint " + command.EndpointName, "DeleteEndpointConfig " + command.EndpointConfigName,
                "DeleteModel " + command.ModelName, "DescribeEndpoint " + command.EndpointName],
            hosting.Calls);
        Assert.Empty(hosting.Endpoints);
        Assert.Empty(hosting.EndpointConfigs);
        Assert.Empty(hosting.Models);
        var deleted = deployer.Harness.Published.Select<EndpointDeleted>().Single().Context.Message;
        Assert.Equal(new EndpointDeleted { ExperimentId = command.ExperimentId, Variant = command.Variant, EndpointName = command.EndpointName }, deleted);
    }

    [Fact]
    public async Task Stops_the_variants_running_transform_job_before_deleting_its_model()
    {
        var hosting = new EndpointHostingDouble();
        var command = DeployerHarness.TeardownCommand(Guid.NewGuid());
        hosting.Models[command.ModelName] = true;
        hosting.RunningTransformJobs[command.ModelName] = true;
        hosting.RunningTransformJobs["another-experiments-job"] = true;
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointDeleted>());
        Assert.Equal(["another-experiments-job"], hosting.RunningTransformJobs.Keys);
        var calls = hosting.Calls.ToList();
        Assert.True(calls.IndexOf("StopTransformJob " + command.ModelName) < calls.IndexOf("DeleteModel " + command.ModelName), string.Join(", ", calls));
        Assert.Empty(hosting.Models);
    }

    [Fact]
    public async Task Leaves_other_variants_resources_alone()
    {
        var hosting = new EndpointHostingDouble();
        var experimentId = Guid.NewGuid();
        var other = DeployerHarness.TeardownCommand(experimentId, "replicated");
        hosting.Endpoints[other.EndpointName] = true;
        hosting.EndpointConfigs[other.EndpointConfigName] = true;
        hosting.Models[other.ModelName] = true;
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(DeployerHarness.TeardownCommand(experimentId, "sharded"));

        Assert.True(await deployer.Harness.Published.Any<EndpointDeleted>());
        Assert.True(hosting.Endpoints.ContainsKey(other.EndpointName));
        Assert.True(hosting.EndpointConfigs.ContainsKey(other.EndpointConfigName));
        Assert.True(hosting.Models.ContainsKey(other.ModelName));
    }
}

public sealed class When_tearing_down_what_is_already_gone
{
    public static TheoryData<string> Answers => ["ValidationException", "ResourceNotFoundException"];

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Reports_the_endpoint_deleted(string answer)
    {
        var hosting = new EndpointHostingDouble();
        if (answer == "ResourceNotFoundException")
            hosting.NotFound = (kind, name) => new ResourceNotFoundException($"{kind} {name} not found");
        await using var deployer = await DeployerHarness.StartAsync(hosting);
        var command = DeployerHarness.TeardownCommand(Guid.NewGuid());

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointDeleted>());
        Assert.Equal(3, hosting.Calls.Count(c => c.StartsWith("Delete", StringComparison.Ordinal)));
        Assert.False(await deployer.Harness.Published.Any<Fault<TeardownEndpoint>>());
    }
}

public sealed class When_the_endpoint_takes_time_to_go
{
    [Fact]
    public async Task Reports_it_deleted_only_once_DescribeEndpoint_no_longer_finds_it()
    {
        var hosting = new EndpointHostingDouble();
        var command = DeployerHarness.TeardownCommand(Guid.NewGuid());
        hosting.Endpoints[command.EndpointName] = true;
        var gone = hosting.NotFound("endpoint", command.EndpointName);
        hosting.ScriptDescribe(
            EndpointHostingDouble.Status(EndpointStatuses.Deleting),
            EndpointHostingDouble.Status(EndpointStatuses.Deleting),
            EndpointHostingDouble.Throws(gone));
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointDeleted>());
        Assert.Equal(3, hosting.DescribeCount);
        Assert.Single(deployer.Harness.Published.Select<EndpointDeleted>());
    }

    [Fact]
    public async Task Deletes_again_an_endpoint_that_is_back_in_service()
    {
        var hosting = new EndpointHostingDouble();
        var command = DeployerHarness.TeardownCommand(Guid.NewGuid());
        hosting.Endpoints[command.EndpointName] = true;
        hosting.ScriptDescribe(EndpointHostingDouble.Status(EndpointStatuses.InService));
        await using var deployer = await DeployerHarness.StartAsync(hosting);

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(command);

        Assert.True(await deployer.Harness.Published.Any<EndpointDeleted>());
        Assert.Equal(2, hosting.Calls.Count(c => c == "DeleteEndpoint " + command.EndpointName));
    }
}

public sealed class When_a_delete_fails_for_another_reason
{
    [Fact]
    public async Task Retries_then_faults_without_reporting_the_endpoint_deleted()
    {
        var hosting = new EndpointHostingDouble { FailEveryCall = new AwsServiceException("InternalFailure", "We encountered an internal error.", System.Net.HttpStatusCode.InternalServerError) };
        await using var deployer = await DeployerHarness.StartAsync(hosting, new Dictionary<string, string?> { ["Deployer:RetryLimit"] = "2" });
        var command = DeployerHarness.TeardownCommand(Guid.NewGuid());

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(command);

        Assert.True(await deployer.Harness.Published.Any<Fault<TeardownEndpoint>>());
        Assert.False(await deployer.Harness.Published.Any<EndpointDeleted>());
        // The first try and two retries, each stopping at the endpoint.
        Assert.Equal(3, hosting.Calls.Count(c => c.StartsWith("DeleteEndpoint ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Does_not_retry_a_validation_error()
    {
        var hosting = new EndpointHostingDouble { FailEveryCall = new ValidationException("Endpoint name is not valid.") };
        await using var deployer = await DeployerHarness.StartAsync(hosting, new Dictionary<string, string?> { ["Deployer:RetryLimit"] = "3" });

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(DeployerHarness.TeardownCommand(Guid.NewGuid()));

        Assert.True(await deployer.Harness.Published.Any<Fault<TeardownEndpoint>>());
        Assert.Single(hosting.Calls, c => c.StartsWith("Delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Does_not_replay_a_throttled_call_that_the_http_client_already_retried()
    {
        var hosting = new EndpointHostingDouble { FailEveryCall = new ThrottlingException("Rate exceeded") };
        await using var deployer = await DeployerHarness.StartAsync(hosting, new Dictionary<string, string?> { ["Deployer:RetryLimit"] = "3" });

        await deployer.SendAsync<TeardownEndpointConsumer, TeardownEndpoint>(DeployerHarness.TeardownCommand(Guid.NewGuid()));

        Assert.True(await deployer.Harness.Published.Any<Fault<TeardownEndpoint>>());
        Assert.Single(hosting.Calls, c => c.StartsWith("Delete", StringComparison.Ordinal));
    }
}
