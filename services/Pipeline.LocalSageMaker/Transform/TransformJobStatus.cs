namespace Pipeline.LocalSageMaker.Transform;

/// <summary>TransformJobStatus values.</summary>
public static class TransformJobStatus
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";

    public static bool IsTerminal(string status) => status is Completed or Failed or Stopped;
}
