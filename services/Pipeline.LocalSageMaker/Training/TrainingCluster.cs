namespace Pipeline.LocalSageMaker.Training;

/// <summary>One training job as its containers see it: the job, its hyperparameters, channels and hosts.</summary>
/// <param name="TrainingImage">AlgorithmSpecification.TrainingImage, as given.</param>
/// <param name="HyperParameters">As sent: every value a string.</param>
/// <param name="Hosts">algo-1 .. algo-N, in order.</param>
public sealed record TrainingCluster(
    string JobName,
    string JobArn,
    string TrainingImage,
    IReadOnlyDictionary<string, string> HyperParameters,
    IReadOnlyList<ChannelInput> Channels,
    IReadOnlyList<TrainingHost> Hosts);

/// <summary>A channel as inputdataconfig.json describes it.</summary>
/// <param name="ContentType">Null when the request set none.</param>
/// <param name="DistributionType">FullyReplicated or ShardedByS3Key.</param>
/// <param name="CompressionType">None or Gzip: files arrive as stored, so Gzip files are still compressed.</param>
/// <param name="RecordWrapperType">None or RecordIO.</param>
public sealed record ChannelInput(
    string Name,
    string? ContentType,
    string DistributionType,
    string CompressionType,
    string RecordWrapperType);

/// <summary>One simulated instance: its name, its folder tree and its log stream.</summary>
public sealed record TrainingHost(string Name, HostFolders Folders, IHostLog Log);

/// <summary>
/// A host's stand-in for <c>/opt/ml</c> (the container contract's paths, under a folder of the job's own, since
/// /opt/ml is not ours to take).
/// </summary>
public sealed record HostFolders(string Root)
{
    public string InputConfig => Path.Combine(Root, "input", "config");
    public string InputData => Path.Combine(Root, "input", "data");
    public string Model => Path.Combine(Root, "model");
    public string Output => Path.Combine(Root, "output");

    /// <summary>The folder holding a channel's files (File mode).</summary>
    public string Channel(string channelName) => Path.Combine(InputData, channelName);

    /// <summary>Text written here becomes the job's FailureReason (first 1024 characters).</summary>
    public string FailureFile => Path.Combine(Output, "failure");
}

/// <summary>A host's CloudWatch log stream: each line written is one event, stamped with the time it was written.</summary>
public interface IHostLog
{
    void Write(string line);
}
