namespace Pipeline.Aws.SageMaker;

// Batch transform shapes of botocore's sagemaker service model (2017-07-24), with the members this project and
// LocalSageMaker read or write. Names are the wire names; enums are strings.

public sealed record CreateTransformJobRequest
{
    public string? TransformJobName { get; init; }
    public string? ModelName { get; init; }
    public int? MaxConcurrentTransforms { get; init; }
    public int? MaxPayloadInMB { get; init; }
    /// <summary>MultiRecord | SingleRecord.</summary>
    public string? BatchStrategy { get; init; }
    public Dictionary<string, string>? Environment { get; init; }
    public TransformInput? TransformInput { get; init; }
    public TransformOutput? TransformOutput { get; init; }
    public TransformResources? TransformResources { get; init; }
    public List<Tag>? Tags { get; init; }
}

public sealed record TransformInput
{
    public TransformDataSource? DataSource { get; init; }
    public string? ContentType { get; init; }
    /// <summary>None | Gzip.</summary>
    public string? CompressionType { get; init; }
    /// <summary>None | Line | RecordIO | TFRecord.</summary>
    public string? SplitType { get; init; }
}

public sealed record TransformDataSource
{
    public TransformS3DataSource? S3DataSource { get; init; }
}

public sealed record TransformS3DataSource
{
    /// <summary>ManifestFile | S3Prefix | AugmentedManifestFile.</summary>
    public string? S3DataType { get; init; }
    public string? S3Uri { get; init; }
}

public sealed record TransformOutput
{
    public string? S3OutputPath { get; init; }
    public string? Accept { get; init; }
    /// <summary>None | Line.</summary>
    public string? AssembleWith { get; init; }
    public string? KmsKeyId { get; init; }
}

public sealed record TransformResources
{
    public string? InstanceType { get; init; }
    public int? InstanceCount { get; init; }
    public string? VolumeKmsKeyId { get; init; }
}

public sealed record CreateTransformJobResponse
{
    public string? TransformJobArn { get; init; }
}

public sealed record DescribeTransformJobRequest
{
    public string? TransformJobName { get; init; }
}

public sealed record DescribeTransformJobResponse
{
    public string? TransformJobName { get; init; }
    public string? TransformJobArn { get; init; }
    /// <summary>InProgress | Completed | Failed | Stopping | Stopped.</summary>
    public string? TransformJobStatus { get; init; }
    public string? FailureReason { get; init; }
    public string? ModelName { get; init; }
    public int? MaxConcurrentTransforms { get; init; }
    public int? MaxPayloadInMB { get; init; }
    public string? BatchStrategy { get; init; }
    public Dictionary<string, string>? Environment { get; init; }
    public TransformInput? TransformInput { get; init; }
    public TransformOutput? TransformOutput { get; init; }
    public TransformResources? TransformResources { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? TransformStartTime { get; init; }
    public DateTimeOffset? TransformEndTime { get; init; }
}

public sealed record StopTransformJobRequest
{
    public string? TransformJobName { get; init; }
}

public sealed record ListTransformJobsRequest
{
    public DateTimeOffset? CreationTimeAfter { get; init; }
    public DateTimeOffset? CreationTimeBefore { get; init; }
    public DateTimeOffset? LastModifiedTimeAfter { get; init; }
    public DateTimeOffset? LastModifiedTimeBefore { get; init; }
    public string? NameContains { get; init; }
    public string? StatusEquals { get; init; }
    public string? SortBy { get; init; }
    public string? SortOrder { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
}

public sealed record ListTransformJobsResponse
{
    public List<TransformJobSummary>? TransformJobSummaries { get; init; }
    public string? NextToken { get; init; }
}

public sealed record TransformJobSummary
{
    public string? TransformJobName { get; init; }
    public string? TransformJobArn { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? TransformEndTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public string? TransformJobStatus { get; init; }
    public string? FailureReason { get; init; }
}
