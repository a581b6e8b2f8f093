namespace Pipeline.Contracts;

/// <summary>Score the held-out test set against one endpoint.</summary>
public sealed record EvaluateEndpoint
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string EndpointName { get; init; }
    public required string TestObject { get; init; }
}
