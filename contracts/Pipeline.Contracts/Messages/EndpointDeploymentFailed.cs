namespace Pipeline.Contracts;

public sealed record EndpointDeploymentFailed
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string EndpointName { get; init; }
    public required string Reason { get; init; }
}
