namespace Pipeline.Contracts;

/// <summary>The job could not be created, Failed, or was Stopped (MaxRuntimeExceeded included).</summary>
public sealed record TrainingJobFailed
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string TrainingJobName { get; init; }

    /// <summary>Failed or Stopped (or Rejected when CreateTrainingJob refused it).</summary>
    public required string Status { get; init; }

    public string? SecondaryStatus { get; init; }
    public required string Reason { get; init; }
}
