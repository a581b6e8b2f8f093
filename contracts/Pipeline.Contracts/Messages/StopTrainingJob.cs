namespace Pipeline.Contracts;

public sealed record StopTrainingJob
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string TrainingJobName { get; init; }
}
