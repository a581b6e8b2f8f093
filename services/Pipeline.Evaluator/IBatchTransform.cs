namespace Pipeline.Evaluator;

/// <summary>
/// SageMaker's batch transform: CreateTransformJob, DescribeTransformJob, StopTransformJob. Throws
/// <see cref="Pipeline.Aws.ResourceInUseException"/> when a job of that name exists already,
/// <see cref="Pipeline.Aws.ValidationException"/> when the request is refused (the model does not exist) and
/// <see cref="Pipeline.Aws.ThrottlingException"/> when the caller should slow down.
/// </summary>
public interface IBatchTransform
{
    Task StartAsync(BatchTransformJob job, CancellationToken cancellationToken);

    Task<BatchTransformState> DescribeAsync(string jobName, CancellationToken cancellationToken);

    Task StopAsync(string jobName, CancellationToken cancellationToken);
}

/// <summary>A transform of the objects under <paramref name="InputUri"/> into <c>&lt;OutputPath&gt;/&lt;name&gt;.out</c>.</summary>
/// <param name="SplitType">None or Line.</param>
/// <param name="BatchStrategy">MultiRecord or SingleRecord.</param>
/// <param name="AssembleWith">None or Line.</param>
public sealed record BatchTransformJob(
    string JobName,
    string ModelName,
    string InputUri,
    string ContentType,
    string SplitType,
    string BatchStrategy,
    int MaxPayloadInMB,
    int MaxConcurrentTransforms,
    string OutputPath,
    string Accept,
    string AssembleWith,
    string InstanceType,
    int InstanceCount)
{
    /// <summary>The job's tags (the pipeline's: which experiment and variant it scores).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>DescribeTransformJob's answer: InProgress, Completed, Failed (with the reason), Stopping or Stopped.</summary>
public sealed record BatchTransformState(string Status, string? FailureReason = null)
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
}
