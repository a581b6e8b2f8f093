namespace Pipeline.JobWatcher;

/// <summary>The part of a DescribeTrainingJob answer the watcher reads, named as in the SageMaker API.</summary>
public sealed record TrainingJobDescription
{
    public required string TrainingJobName { get; init; }

    /// <summary>One of <see cref="TrainingJobStatuses"/>.</summary>
    public required string TrainingJobStatus { get; init; }

    /// <summary>Starting, Downloading, Training, Uploading, Completed, MaxRuntimeExceeded, Stopped, ...</summary>
    public string? SecondaryStatus { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>ModelArtifacts.S3ModelArtifacts: the model.tar.gz of a completed job.</summary>
    public string? ModelArtifacts { get; init; }

    public int? TrainingTimeInSeconds { get; init; }

    /// <summary>Per instance, as SageMaker reports it.</summary>
    public int? BillableTimeInSeconds { get; init; }

    /// <summary>ResourceConfig.InstanceCount.</summary>
    public required int InstanceCount { get; init; }

    public DateTimeOffset? TrainingStartTime { get; init; }
    public DateTimeOffset? TrainingEndTime { get; init; }
}

public static class TrainingJobStatuses
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
}
