namespace Pipeline.Contracts;

/// <summary>A variant's model exists (a <see cref="DeployModel"/> with ModelOnly): a batch transform job can score it.</summary>
public sealed record ModelCreated
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string ModelName { get; init; }
}
