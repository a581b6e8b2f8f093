namespace Pipeline.Contracts;

public sealed record EndpointDeleted
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string EndpointName { get; init; }
}
