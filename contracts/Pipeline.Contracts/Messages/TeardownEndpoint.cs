namespace Pipeline.Contracts;

/// <summary>Delete one variant's endpoint, endpoint config and model; missing ones count as deleted.</summary>
public sealed record TeardownEndpoint
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string EndpointName { get; init; }
    public required string EndpointConfigName { get; init; }
    public required string ModelName { get; init; }
}
