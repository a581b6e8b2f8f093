namespace Pipeline.Contracts;

/// <summary>Scheduled by the coordinator when a stage starts; acted on only if that stage is still current.</summary>
public sealed record StageTimedOut
{
    public required Guid ExperimentId { get; init; }
    public required string Stage { get; init; }
}
