using Pipeline.Aws.SageMaker;

namespace Pipeline.Deployer.Aws;

/// <summary>SageMaker's hosting control plane (AWS or LocalSageMaker).</summary>
public sealed class SageMakerEndpointHosting(SageMakerClient sageMaker) : IEndpointHosting
{
    public Task CreateModelAsync(string modelName, string image, string modelDataUrl, string roleArn,
        IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        sageMaker.CreateModelAsync(new CreateModelRequest
        {
            ModelName = modelName,
            PrimaryContainer = new ContainerDefinition { Image = image, ModelDataUrl = modelDataUrl },
            ExecutionRoleArn = roleArn,
            Tags = TagsOf(tags),
        }, cancellationToken);

    public Task CreateEndpointConfigAsync(string endpointConfigName, string modelName, string variantName, string instanceType,
        int initialInstanceCount, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        sageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = endpointConfigName,
            ProductionVariants =
            [
                new ProductionVariant
                {
                    VariantName = variantName,
                    ModelName = modelName,
                    InitialInstanceCount = initialInstanceCount,
                    InstanceType = instanceType,
                    InitialVariantWeight = 1,
                },
            ],
            Tags = TagsOf(tags),
        }, cancellationToken);

    public Task CreateEndpointAsync(string endpointName, string endpointConfigName, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken) =>
        sageMaker.CreateEndpointAsync(new CreateEndpointRequest
        {
            EndpointName = endpointName,
            EndpointConfigName = endpointConfigName,
            Tags = TagsOf(tags),
        }, cancellationToken);

    public async Task<EndpointDescription> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken)
    {
        var endpoint = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpointName }, cancellationToken)
            .ConfigureAwait(false);
        return new EndpointDescription(
            endpoint.EndpointStatus ?? throw new InvalidDataException($"DescribeEndpoint {endpointName} answered without an EndpointStatus."),
            string.IsNullOrEmpty(endpoint.FailureReason) ? null : endpoint.FailureReason);
    }

    public Task DeleteEndpointAsync(string endpointName, CancellationToken cancellationToken) =>
        sageMaker.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = endpointName }, cancellationToken);

    public Task DeleteEndpointConfigAsync(string endpointConfigName, CancellationToken cancellationToken) =>
        sageMaker.DeleteEndpointConfigAsync(new DeleteEndpointConfigRequest { EndpointConfigName = endpointConfigName }, cancellationToken);

    public Task DeleteModelAsync(string modelName, CancellationToken cancellationToken) =>
        sageMaker.DeleteModelAsync(new DeleteModelRequest { ModelName = modelName }, cancellationToken);

    public Task StopTransformJobAsync(string transformJobName, CancellationToken cancellationToken) =>
        sageMaker.StopTransformJobAsync(new StopTransformJobRequest { TransformJobName = transformJobName }, cancellationToken);

    private static List<Tag>? TagsOf(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? null : tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();
}
