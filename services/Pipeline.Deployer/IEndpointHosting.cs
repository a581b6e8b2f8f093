using Pipeline.Aws.SageMaker;
namespace Pipeline.Deployer;

/// <summary>
/// SageMaker's hosting control plane: models, endpoint configs and endpoints (CreateModel, CreateEndpointConfig,
/// CreateEndpoint, DescribeEndpoint and the three deletes), and StopTransformJob for a transform job over a model. Implementations throw the typed
/// <see cref="Pipeline.Aws.AwsServiceException"/>s; <see cref="HostingErrors"/> says what they mean here.
/// </summary>
public interface IEndpointHosting
{
    /// <summary>CreateModel with one PrimaryContainer (Image, ModelDataUrl) and ExecutionRoleArn.</summary>
    Task CreateModelAsync(string modelName, string image, string modelDataUrl, string roleArn,
        IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>CreateEndpointConfig with one production variant serving all traffic.</summary>
    Task CreateEndpointConfigAsync(string endpointConfigName, string modelName, string variantName, string instanceType,
        int initialInstanceCount, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    Task CreateEndpointAsync(string endpointName, string endpointConfigName, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken);

    Task<EndpointDescription> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken);

    Task DeleteEndpointAsync(string endpointName, CancellationToken cancellationToken);

    Task DeleteEndpointConfigAsync(string endpointConfigName, CancellationToken cancellationToken);

    Task DeleteModelAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>StopTransformJob: a batch transform scoring the variant's model must not outlive the experiment.</summary>
    Task StopTransformJobAsync(string transformJobName, CancellationToken cancellationToken);
}

/// <summary>The part of DescribeEndpoint's answer the Deployer acts on.</summary>
/// <param name="EndpointStatus">One of <see cref="EndpointStatuses"/>, as SageMaker spells it.</param>
public sealed record EndpointDescription(string EndpointStatus, string? FailureReason = null);

/// <summary>SageMaker's EndpointStatus values.</summary>
public static class EndpointStatuses
{
    public const string OutOfService = "OutOfService";
    public const string Creating = "Creating";
    public const string Updating = "Updating";
    public const string SystemUpdating = "SystemUpdating";
    public const string RollingBack = "RollingBack";
    public const string InService = "InService";
    public const string Deleting = "Deleting";
    public const string Failed = "Failed";
}
