namespace Pipeline.LocalSageMaker.Training;

/// <summary>TrainingJobStatus values.</summary>
public static class TrainingJobStatus
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";

    public static IReadOnlyList<string> All { get; } = [InProgress, Completed, Failed, Stopping, Stopped];

    public static bool IsTerminal(string status) => status is Completed or Failed or Stopped;
}

/// <summary>The SecondaryStatus values LocalSageMaker goes through.</summary>
public static class SecondaryStatus
{
    public const string Starting = "Starting";
    public const string Downloading = "Downloading";
    public const string Training = "Training";
    public const string Uploading = "Uploading";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
    public const string MaxRuntimeExceeded = "MaxRuntimeExceeded";
}
