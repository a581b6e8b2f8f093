namespace Pipeline.Contracts;

/// <summary>CreateModel, CreateEndpointConfig and CreateEndpoint for one variant, then wait for InService.</summary>
public sealed record DeployModel
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string ModelName { get; init; }
    public required string EndpointConfigName { get; init; }
    public required string EndpointName { get; init; }
    public required string Image { get; init; }
    public required string ModelArtifactUri { get; init; }
    public required string RoleArn { get; init; }
    public required string InstanceType { get; init; }
    public required int InstanceCount { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
