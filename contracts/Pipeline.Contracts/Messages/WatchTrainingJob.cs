namespace Pipeline.Contracts;

/// <summary>
/// Poll one training job. The JobWatcher answers a job still running by scheduling this message again
/// (Attempt + 1), so no thread waits on a job.
/// </summary>
public sealed record WatchTrainingJob
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string TrainingJobName { get; init; }
    public int Attempt { get; init; }

    /// <summary>Throttled polls in a row; the next delay grows with it.</summary>
    public int Throttled { get; init; }

    /// <summary>The secondary status last reported, so a change is published once.</summary>
    public string? LastSecondaryStatus { get; init; }
}
