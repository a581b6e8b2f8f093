namespace Pipeline.Contracts;

public sealed record DatasetIngestionFailed
{
    public required Guid ExperimentId { get; init; }
    public required string Reason { get; init; }
}
