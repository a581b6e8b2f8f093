namespace Pipeline.Contracts;

/// <summary>The Deployer's own scheduled poll of an endpoint it is creating.</summary>
public sealed record CheckEndpointStatus
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string EndpointName { get; init; }
    public int Attempt { get; init; }
    public int Throttled { get; init; }
}
