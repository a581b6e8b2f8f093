namespace Pipeline.Contracts;

public sealed record ExperimentFailed
{
    public required Guid ExperimentId { get; init; }

    /// <summary>The stage that failed: Ingesting, Training, Deploying, Evaluating or TearingDown.</summary>
    public required string Stage { get; init; }

    public required string Reason { get; init; }
    public required IReadOnlyList<string> TornDown { get; init; }

    /// <summary>Resources teardown could not confirm deleted; empty when nothing is left.</summary>
    public IReadOnlyList<string> Remaining { get; init; } = [];
}
