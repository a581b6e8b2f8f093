using System.Net;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Hosting;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

public sealed class When_an_endpoint_is_updated
{
    // Long enough that the checks made while Updating come before the new instances serve, even on a busy machine.
    private static readonly Dictionary<string, string?> SlowTransitions = new() { ["LocalSageMaker:Hosting:TransitionDelay"] = "00:00:02" };
    private static readonly float[][] Rows = [[1, 2, 3], [-1, 0.5f, 2]];

    private static async Task<(TestModel Blue, TestModel Green)> BlueAndGreenAsync(HostingHarness harness)
    {
        var blue = new TestModel(3, seed: 1);
        var green = new TestModel(3, seed: 2);
        await harness.DeployAsync(blue, "blue");
        await green.UploadAsync(harness.Store, "s3://bucket/green/model.tar.gz", harness.Folder);
        await harness.CreateModelAsync("green", "s3://bucket/green/model.tar.gz");
        await harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("green", "green", instances: 2), CancellationToken.None);
        return (blue, green);
    }

    private static async Task<float[]> ScoresAsync(HostingHarness harness)
    {
        var answer = await RuntimeCall.InvokeAsync(harness.Address, "blue", RuntimeCall.Csv(Rows), "text/csv");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return RuntimeCall.Predictions(answer.Body);
    }

    private static float[] Expected(TestModel model) => [.. Rows.Select(r => (float)model.Score(r))];

    [Fact]
    public async Task The_old_model_serves_while_Updating_and_the_new_one_after()
    {
        await using var harness = await HostingHarness.StartAsync(new(SlowTransitions));
        var (blue, green) = await BlueAndGreenAsync(harness);
        var blueInstances = harness.Engine.FindServing("blue")!.AllVariants.SelectMany(v => v.Instances).ToList();

        var updated = await harness.Engine.UpdateEndpointAsync(new UpdateEndpointRequest { EndpointName = "blue", EndpointConfigName = "green" }, CancellationToken.None);
        var updating = await harness.Engine.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "blue" }, CancellationToken.None);
        var scoresWhileUpdating = await ScoresAsync(harness);
        var final = await harness.WaitWhileAsync("blue", HostedEndpoint.Updating);

        Assert.Equal("arn:aws:sagemaker:us-east-1:000000000000:endpoint/blue", updated.EndpointArn);
        Assert.Equal(("Updating", "blue", "green"), (updating.EndpointStatus, updating.EndpointConfigName, updating.PendingDeploymentSummary?.EndpointConfigName));
        Assert.Equal(Expected(blue), scoresWhileUpdating, new ToleranceComparer(1e-5f));
        Assert.Equal(("InService", "green"), (final.EndpointStatus, final.EndpointConfigName));
        Assert.Null(final.PendingDeploymentSummary);
        Assert.Equal(2, final.ProductionVariants!.Single().CurrentInstanceCount);
        Assert.Equal(Expected(green), await ScoresAsync(harness), new ToleranceComparer(1e-5f));
        // Green's two instances serve, and blue's one stopped once they did.
        Assert.Equal(2, harness.Engine.FindServing("blue")!.AllVariants.SelectMany(v => v.Instances).Count());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var blueInstance = Assert.Single(blueInstances);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(blueInstance.Ping));
    }

    [Fact]
    public async Task A_new_model_that_cannot_load_leaves_the_old_one_serving_with_the_reason()
    {
        await using var harness = await HostingHarness.StartAsync();
        var (blue, _) = await BlueAndGreenAsync(harness);
        await harness.Store.WriteAsync("s3://bucket/broken/model.tar.gz", (s, ct) => s.WriteAsync("not a tarball"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        await harness.CreateModelAsync("broken", "s3://bucket/broken/model.tar.gz");
        await harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("broken", "broken"), CancellationToken.None);

        await harness.Engine.UpdateEndpointAsync(new UpdateEndpointRequest { EndpointName = "blue", EndpointConfigName = "broken" }, CancellationToken.None);
        var final = await harness.WaitWhileAsync("blue", HostedEndpoint.Updating);

        Assert.Equal(("InService", "blue"), (final.EndpointStatus, final.EndpointConfigName));
        Assert.Contains("did not pass the ping health check", final.FailureReason);
        Assert.Equal(Expected(blue), await ScoresAsync(harness), new ToleranceComparer(1e-5f));
    }

    [Fact]
    public async Task Only_an_InService_endpoint_can_be_updated_and_to_a_configuration_that_exists()
    {
        await using var harness = await HostingHarness.StartAsync(new(SlowTransitions));
        await BlueAndGreenAsync(harness);
        await harness.Engine.UpdateEndpointAsync(new UpdateEndpointRequest { EndpointName = "blue", EndpointConfigName = "green" }, CancellationToken.None);

        var again = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.UpdateEndpointAsync(new UpdateEndpointRequest { EndpointName = "blue", EndpointConfigName = "green" }, CancellationToken.None));
        var noConfig = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.UpdateEndpointAsync(new UpdateEndpointRequest { EndpointName = "blue", EndpointConfigName = "nope" }, CancellationToken.None));
        var noEndpoint = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.UpdateEndpointAsync(new UpdateEndpointRequest { EndpointName = "nope", EndpointConfigName = "green" }, CancellationToken.None));

        Assert.EndsWith("Cannot update in-progress endpoint \"arn:aws:sagemaker:us-east-1:000000000000:endpoint/blue\".", again.Message);
        Assert.Contains("Could not find endpoint configuration", noConfig.Message);
        Assert.Contains("Could not find endpoint \"", noEndpoint.Message);
    }

    [Fact]
    public async Task Deleting_it_while_Updating_stops_the_old_and_the_new_instances()
    {
        await using var harness = await HostingHarness.StartAsync(new(SlowTransitions));
        await BlueAndGreenAsync(harness);
        var endpoint = harness.Engine.FindServing("blue")!;
        await harness.Engine.UpdateEndpointAsync(new UpdateEndpointRequest { EndpointName = "blue", EndpointConfigName = "green" }, CancellationToken.None);
        var instances = endpoint.AllVariants.SelectMany(v => v.Instances).ToList();
        for (var wait = 0; instances.Count < 3 && wait < 2_000; wait++)
        {
            await Task.Delay(10);
            instances = [.. instances.Union(endpoint.AllVariants.SelectMany(v => v.Instances))];
        }

        await harness.Engine.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = "blue" }, CancellationToken.None);
        await Assert.ThrowsAsync<ValidationException>(() => harness.WaitWhileAsync("blue", HostedEndpoint.Deleting));

        Assert.Equal(3, instances.Count); // blue's one and green's two had started
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var instance in instances)
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(instance.Ping));
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));

        public int GetHashCode(float obj) => 0;
    }
}
