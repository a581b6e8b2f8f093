namespace Pipeline.LocalSageMaker.Training;

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
