namespace Pipeline.Contracts;

public sealed record TrainingJobCompleted
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string TrainingJobName { get; init; }
    public required string ModelArtifactUri { get; init; }
    public required int InstanceCount { get; init; }

    /// <summary>Latest minus earliest event timestamp over all the job's log streams (the notebook's measure).</summary>
    public required double LogSpanSeconds { get; init; }

    public required int TrainingTimeInSeconds { get; init; }

    /// <summary>Per instance, as SageMaker reports it.</summary>
    public required int BillableTimeInSeconds { get; init; }

    public IReadOnlyList<HostLogSpan> Hosts { get; init; } = [];
}

/// <summary>First and last log event of one host's stream, for the per-host timeline.</summary>
public sealed record HostLogSpan(string LogStreamName, DateTimeOffset FirstEvent, DateTimeOffset LastEvent);
