namespace Pipeline.LocalSageMaker.Jobs;

/// <summary>The TrainingJobStatus and TransformJobStatus values: SageMaker gives both kinds of job the same five.</summary>
public static class JobStatus
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";

    public static IReadOnlyList<string> All { get; } = [InProgress, Completed, Failed, Stopping, Stopped];

    public static bool IsTerminal(string status) => status is Completed or Failed or Stopped;
}
