namespace Pipeline.Contracts;

/// <summary>The one message a platform publishes to run an experiment.</summary>
public sealed record StartExperiment
{
    public required Guid ExperimentId { get; init; }
    public required ExperimentSpec Spec { get; init; }
}
