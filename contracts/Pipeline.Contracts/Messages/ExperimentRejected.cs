namespace Pipeline.Contracts;

/// <summary>The spec was invalid; nothing was started.</summary>
public sealed record ExperimentRejected
{
    public required Guid ExperimentId { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
}
