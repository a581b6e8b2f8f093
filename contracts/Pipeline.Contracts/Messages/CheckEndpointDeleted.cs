namespace Pipeline.Contracts;

/// <summary>The Deployer's own scheduled poll of an endpoint it is deleting (SageMaker keeps it Deleting for a while).</summary>
public sealed record CheckEndpointDeleted
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string EndpointName { get; init; }
    public int Attempt { get; init; }
}
