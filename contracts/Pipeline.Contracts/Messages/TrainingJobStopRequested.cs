namespace Pipeline.Contracts;

/// <summary>SageMaker accepted StopTrainingJob, or the job had already ended or never existed.</summary>
public sealed record TrainingJobStopRequested
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string TrainingJobName { get; init; }
}
