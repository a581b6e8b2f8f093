namespace Pipeline.Contracts;

/// <summary>Progress only: a running job's secondary status changed (Starting, Downloading, Training, ...).</summary>
public sealed record TrainingJobStatusChanged
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string TrainingJobName { get; init; }
    public required string SecondaryStatus { get; init; }
}
