namespace Pipeline.Contracts;

/// <summary>Stops running training jobs, tears down what exists and ends the experiment as Cancelled.</summary>
public sealed record CancelExperiment
{
    public required Guid ExperimentId { get; init; }
    public string Reason { get; init; } = "cancelled by request";
}
