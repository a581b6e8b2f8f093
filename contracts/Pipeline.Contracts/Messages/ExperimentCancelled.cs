namespace Pipeline.Contracts;

public sealed record ExperimentCancelled
{
    public required Guid ExperimentId { get; init; }
    public required string Stage { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<string> TornDown { get; init; }
    public IReadOnlyList<string> Remaining { get; init; } = [];
}
