using Pipeline.Aws;
using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

public sealed class When_hosting_requests_are_invalid
{
    private const string Arn = "arn:aws:sagemaker:us-east-1:000000000000";

    [Fact]
    public async Task CreateModel_lists_every_problem_of_the_request()
    {
        await using var harness = await HostingHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => harness.Engine.CreateModelAsync(new CreateModelRequest
        {
            ModelName = "bad_name",
            PrimaryContainer = new ContainerDefinition { Image = "my-registry/kmeans:1" },
        }, CancellationToken.None));

        Assert.StartsWith("3 validation errors detected: ", error.ServiceMessage, StringComparison.Ordinal);
        Assert.Contains("Value 'bad_name' at 'modelName' failed to satisfy constraint: Member must satisfy regular expression pattern", error.ServiceMessage, StringComparison.Ordinal);
        Assert.Contains("cannot serve the image 'my-registry/kmeans:1'", error.ServiceMessage, StringComparison.Ordinal);
        Assert.Contains("Value null at 'primaryContainer.modelDataUrl'", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateModel_refuses_model_data_that_is_not_in_the_store()
    {
        await using var harness = await HostingHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => harness.CreateModelAsync("m", "s3://bucket/none/model.tar.gz"));

        Assert.Equal("Could not find model data at s3://bucket/none/model.tar.gz.", error.ServiceMessage);
    }

    [Fact]
    public async Task A_second_create_of_a_name_is_refused_as_AWS_refuses_it()
    {
        await using var harness = await HostingHarness.StartAsync();
        await harness.DeployAsync(new TestModel(2), "twice");

        var model = await Assert.ThrowsAsync<ValidationException>(() => harness.CreateModelAsync("twice", "s3://bucket/twice/model.tar.gz"));
        var config = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("twice", "twice"), CancellationToken.None));
        var endpoint = await Assert.ThrowsAsync<ValidationException>(() => harness.Engine.CreateEndpointAsync(
            new CreateEndpointRequest { EndpointName = "twice", EndpointConfigName = "twice" }, CancellationToken.None));

        Assert.Equal($"Cannot create already existing model \"{Arn}:model/twice\".", model.ServiceMessage);
        Assert.Equal($"Cannot create already existing endpoint configuration \"{Arn}:endpoint-config/twice\".", config.ServiceMessage);
        Assert.Equal($"Cannot create already existing endpoint \"{Arn}:endpoint/twice\".", endpoint.ServiceMessage);
    }

    [Fact]
    public async Task An_endpoint_config_needs_existing_models_and_at_least_one_instance()
    {
        await using var harness = await HostingHarness.StartAsync();

        var unknown = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("c", "ghost"), CancellationToken.None));
        var none = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("c", "ghost", instances: 0), CancellationToken.None));

        Assert.Equal($"Could not find model \"{Arn}:model/ghost\".", unknown.ServiceMessage);
        Assert.Equal("1 validation error detected: Value '0' at 'productionVariants.1.member.initialInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
            none.ServiceMessage);
    }

    [Fact]
    public async Task Unknown_names_are_not_found_as_AWS_words_it()
    {
        await using var harness = await HostingHarness.StartAsync();

        var model = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.DescribeModelAsync(new DescribeModelRequest { ModelName = "nope" }, CancellationToken.None));
        var config = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.DeleteEndpointConfigAsync(new DeleteEndpointConfigRequest { EndpointConfigName = "nope" }, CancellationToken.None));
        var endpoint = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "e", EndpointConfigName = "nope" }, CancellationToken.None));
        var delete = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Engine.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = "nope" }, CancellationToken.None));

        Assert.Equal($"Could not find model \"{Arn}:model/nope\".", model.ServiceMessage);
        Assert.Equal($"Could not find endpoint configuration \"{Arn}:endpoint-config/nope\".", config.ServiceMessage);
        Assert.Equal($"Could not find endpoint configuration \"{Arn}:endpoint-config/nope\".", endpoint.ServiceMessage);
        Assert.Equal($"Could not find endpoint \"{Arn}:endpoint/nope\".", delete.ServiceMessage);
    }
}
