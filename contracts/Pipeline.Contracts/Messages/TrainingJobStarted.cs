namespace Pipeline.Contracts;

public sealed record TrainingJobStarted
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string TrainingJobName { get; init; }
    public required string TrainingJobArn { get; init; }
}
