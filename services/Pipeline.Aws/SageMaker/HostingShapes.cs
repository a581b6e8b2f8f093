namespace Pipeline.Aws.SageMaker;

// Hosting shapes of botocore's sagemaker service model (2017-07-24): models, endpoint configs, endpoints, with the
// members this project and LocalSageMaker read or write. Names are the wire names; enums are strings.

public sealed record CreateModelRequest
{
    public string? ModelName { get; init; }
    public ContainerDefinition? PrimaryContainer { get; init; }
    public List<ContainerDefinition>? Containers { get; init; }
    public string? ExecutionRoleArn { get; init; }
    public List<Tag>? Tags { get; init; }
    public bool? EnableNetworkIsolation { get; init; }
}

public sealed record ContainerDefinition
{
    public string? ContainerHostname { get; init; }
    public string? Image { get; init; }
    /// <summary>SingleModel | MultiModel.</summary>
    public string? Mode { get; init; }
    public string? ModelDataUrl { get; init; }
    public Dictionary<string, string>? Environment { get; init; }
}

public sealed record CreateModelResponse
{
    public string? ModelArn { get; init; }
}

public sealed record DescribeModelRequest
{
    public string? ModelName { get; init; }
}

public sealed record DescribeModelResponse
{
    public string? ModelName { get; init; }
    public ContainerDefinition? PrimaryContainer { get; init; }
    public List<ContainerDefinition>? Containers { get; init; }
    public string? ExecutionRoleArn { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public string? ModelArn { get; init; }
    public bool? EnableNetworkIsolation { get; init; }
}

public sealed record DeleteModelRequest
{
    public string? ModelName { get; init; }
}

public sealed record CreateEndpointConfigRequest
{
    public string? EndpointConfigName { get; init; }
    public List<ProductionVariant>? ProductionVariants { get; init; }
    public List<Tag>? Tags { get; init; }
    public string? KmsKeyId { get; init; }
}

public sealed record ProductionVariant
{
    public string? VariantName { get; init; }
    public string? ModelName { get; init; }
    public int? InitialInstanceCount { get; init; }
    public string? InstanceType { get; init; }
    public float? InitialVariantWeight { get; init; }
    public string? AcceleratorType { get; init; }
}

public sealed record CreateEndpointConfigResponse
{
    public string? EndpointConfigArn { get; init; }
}

public sealed record DescribeEndpointConfigRequest
{
    public string? EndpointConfigName { get; init; }
}

public sealed record DescribeEndpointConfigResponse
{
    public string? EndpointConfigName { get; init; }
    public string? EndpointConfigArn { get; init; }
    public List<ProductionVariant>? ProductionVariants { get; init; }
    public string? KmsKeyId { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
}

public sealed record DeleteEndpointConfigRequest
{
    public string? EndpointConfigName { get; init; }
}

public sealed record CreateEndpointRequest
{
    public string? EndpointName { get; init; }
    public string? EndpointConfigName { get; init; }
    public List<Tag>? Tags { get; init; }
}

public sealed record CreateEndpointResponse
{
    public string? EndpointArn { get; init; }
}

public sealed record DescribeEndpointRequest
{
    public string? EndpointName { get; init; }
}

public sealed record DescribeEndpointResponse
{
    public string? EndpointName { get; init; }
    public string? EndpointArn { get; init; }
    public string? EndpointConfigName { get; init; }
    public List<ProductionVariantSummary>? ProductionVariants { get; init; }
    /// <summary>OutOfService | Creating | Updating | SystemUpdating | RollingBack | InService | Deleting | Failed.</summary>
    public string? EndpointStatus { get; init; }
    public string? FailureReason { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public PendingDeploymentSummary? PendingDeploymentSummary { get; init; }
}

/// <summary>The configuration an endpoint is being updated to, while it is Updating.</summary>
public sealed record PendingDeploymentSummary
{
    public string? EndpointConfigName { get; init; }
    public List<ProductionVariantSummary>? ProductionVariants { get; init; }
    public DateTimeOffset? StartTime { get; init; }
}

public sealed record UpdateEndpointRequest
{
    public string? EndpointName { get; init; }
    public string? EndpointConfigName { get; init; }
    public bool? RetainAllVariantProperties { get; init; }
    public bool? RetainDeploymentConfig { get; init; }
}

public sealed record UpdateEndpointResponse
{
    public string? EndpointArn { get; init; }
}

public sealed record ProductionVariantSummary
{
    public string? VariantName { get; init; }
    public List<DeployedImage>? DeployedImages { get; init; }
    public float? CurrentWeight { get; init; }
    public float? DesiredWeight { get; init; }
    public int? CurrentInstanceCount { get; init; }
    public int? DesiredInstanceCount { get; init; }
}

public sealed record DeployedImage
{
    public string? SpecifiedImage { get; init; }
    public string? ResolvedImage { get; init; }
    public DateTimeOffset? ResolutionTime { get; init; }
}

public sealed record DeleteEndpointRequest
{
    public string? EndpointName { get; init; }
}

public sealed record ListModelsRequest
{
    public string? SortBy { get; init; }
    public string? SortOrder { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public string? NameContains { get; init; }
    public DateTimeOffset? CreationTimeBefore { get; init; }
    public DateTimeOffset? CreationTimeAfter { get; init; }
}

public sealed record ListModelsResponse
{
    public List<ModelSummary>? Models { get; init; }
    public string? NextToken { get; init; }
}

public sealed record ModelSummary
{
    public string? ModelName { get; init; }
    public string? ModelArn { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
}

public sealed record ListEndpointConfigsRequest
{
    public string? SortBy { get; init; }
    public string? SortOrder { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public string? NameContains { get; init; }
    public DateTimeOffset? CreationTimeBefore { get; init; }
    public DateTimeOffset? CreationTimeAfter { get; init; }
}

public sealed record ListEndpointConfigsResponse
{
    public List<EndpointConfigSummary>? EndpointConfigs { get; init; }
    public string? NextToken { get; init; }
}

public sealed record EndpointConfigSummary
{
    public string? EndpointConfigName { get; init; }
    public string? EndpointConfigArn { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
}

public sealed record ListEndpointsRequest
{
    public string? SortBy { get; init; }
    public string? SortOrder { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public string? NameContains { get; init; }
    public DateTimeOffset? CreationTimeBefore { get; init; }
    public DateTimeOffset? CreationTimeAfter { get; init; }
    public DateTimeOffset? LastModifiedTimeBefore { get; init; }
    public DateTimeOffset? LastModifiedTimeAfter { get; init; }
    public string? StatusEquals { get; init; }
}

public sealed record ListEndpointsResponse
{
    public List<EndpointSummary>? Endpoints { get; init; }
    public string? NextToken { get; init; }
}

public sealed record EndpointSummary
{
    public string? EndpointName { get; init; }
    public string? EndpointArn { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public string? EndpointStatus { get; init; }
}
