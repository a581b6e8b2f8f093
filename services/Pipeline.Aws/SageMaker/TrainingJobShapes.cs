namespace Pipeline.Aws.SageMaker;

// Training-job shapes of botocore's sagemaker service model (2017-07-24), with the members this project and
// LocalSageMaker read or write. Names are the wire names; enum-typed members are strings as on the wire.

public sealed record CreateTrainingJobRequest
{
    public string? TrainingJobName { get; init; }
    public Dictionary<string, string>? HyperParameters { get; init; }
    public AlgorithmSpecification? AlgorithmSpecification { get; init; }
    public string? RoleArn { get; init; }
    public List<Channel>? InputDataConfig { get; init; }
    public OutputDataConfig? OutputDataConfig { get; init; }
    public ResourceConfig? ResourceConfig { get; init; }
    public StoppingCondition? StoppingCondition { get; init; }
    public List<Tag>? Tags { get; init; }
    public Dictionary<string, string>? Environment { get; init; }
    public bool? EnableNetworkIsolation { get; init; }
    public bool? EnableInterContainerTrafficEncryption { get; init; }
    public bool? EnableManagedSpotTraining { get; init; }
}

public sealed record CreateTrainingJobResponse
{
    public string? TrainingJobArn { get; init; }
}

public sealed record AlgorithmSpecification
{
    public string? TrainingImage { get; init; }
    public string? AlgorithmName { get; init; }
    /// <summary>Pipe | File | FastFile.</summary>
    public string? TrainingInputMode { get; init; }
    public List<MetricDefinition>? MetricDefinitions { get; init; }
    public bool? EnableSageMakerMetricsTimeSeries { get; init; }
}

public sealed record MetricDefinition
{
    public string? Name { get; init; }
    public string? Regex { get; init; }
}

public sealed record Channel
{
    public string? ChannelName { get; init; }
    public DataSource? DataSource { get; init; }
    public string? ContentType { get; init; }
    /// <summary>None | Gzip.</summary>
    public string? CompressionType { get; init; }
    /// <summary>None | RecordIO.</summary>
    public string? RecordWrapperType { get; init; }
    /// <summary>Pipe | File | FastFile; overrides AlgorithmSpecification.TrainingInputMode for this channel.</summary>
    public string? InputMode { get; init; }
    public ShuffleConfig? ShuffleConfig { get; init; }
}

public sealed record DataSource
{
    public S3DataSource? S3DataSource { get; init; }
}

public sealed record S3DataSource
{
    /// <summary>ManifestFile | S3Prefix | AugmentedManifestFile.</summary>
    public string? S3DataType { get; init; }
    public string? S3Uri { get; init; }
    /// <summary>FullyReplicated | ShardedByS3Key.</summary>
    public string? S3DataDistributionType { get; init; }
    public List<string>? AttributeNames { get; init; }
}

public sealed record ShuffleConfig
{
    public long Seed { get; init; }
}

public sealed record OutputDataConfig
{
    public string? KmsKeyId { get; init; }
    public string? S3OutputPath { get; init; }
    /// <summary>GZIP | NONE.</summary>
    public string? CompressionType { get; init; }
}

public sealed record ResourceConfig
{
    public string? InstanceType { get; init; }
    public int? InstanceCount { get; init; }
    public int? VolumeSizeInGB { get; init; }
    public string? VolumeKmsKeyId { get; init; }
}

public sealed record StoppingCondition
{
    public int? MaxRuntimeInSeconds { get; init; }
    public int? MaxWaitTimeInSeconds { get; init; }
}

public sealed record Tag
{
    public string? Key { get; init; }
    public string? Value { get; init; }
}

public sealed record DescribeTrainingJobRequest
{
    public string? TrainingJobName { get; init; }
}

public sealed record DescribeTrainingJobResponse
{
    public string? TrainingJobName { get; init; }
    public string? TrainingJobArn { get; init; }
    public ModelArtifacts? ModelArtifacts { get; init; }
    /// <summary>InProgress | Completed | Failed | Stopping | Stopped.</summary>
    public string? TrainingJobStatus { get; init; }
    public string? SecondaryStatus { get; init; }
    public string? FailureReason { get; init; }
    public Dictionary<string, string>? HyperParameters { get; init; }
    public AlgorithmSpecification? AlgorithmSpecification { get; init; }
    public string? RoleArn { get; init; }
    public List<Channel>? InputDataConfig { get; init; }
    public OutputDataConfig? OutputDataConfig { get; init; }
    public ResourceConfig? ResourceConfig { get; init; }
    public StoppingCondition? StoppingCondition { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? TrainingStartTime { get; init; }
    public DateTimeOffset? TrainingEndTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public List<SecondaryStatusTransition>? SecondaryStatusTransitions { get; init; }
    public List<MetricData>? FinalMetricDataList { get; init; }
    public int? TrainingTimeInSeconds { get; init; }
    public int? BillableTimeInSeconds { get; init; }
    public Dictionary<string, string>? Environment { get; init; }
    public bool? EnableNetworkIsolation { get; init; }
    public bool? EnableInterContainerTrafficEncryption { get; init; }
    public bool? EnableManagedSpotTraining { get; init; }
}

public sealed record ModelArtifacts
{
    public string? S3ModelArtifacts { get; init; }
}

public sealed record SecondaryStatusTransition
{
    public string? Status { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public string? StatusMessage { get; init; }
}

public sealed record MetricData
{
    public string? MetricName { get; init; }
    public float? Value { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
}

public sealed record StopTrainingJobRequest
{
    public string? TrainingJobName { get; init; }
}

public sealed record ListTrainingJobsRequest
{
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public DateTimeOffset? CreationTimeAfter { get; init; }
    public DateTimeOffset? CreationTimeBefore { get; init; }
    public DateTimeOffset? LastModifiedTimeAfter { get; init; }
    public DateTimeOffset? LastModifiedTimeBefore { get; init; }
    public string? NameContains { get; init; }
    public string? StatusEquals { get; init; }
    /// <summary>Name | CreationTime | Status.</summary>
    public string? SortBy { get; init; }
    /// <summary>Ascending | Descending.</summary>
    public string? SortOrder { get; init; }
}

public sealed record ListTrainingJobsResponse
{
    public List<TrainingJobSummary>? TrainingJobSummaries { get; init; }
    public string? NextToken { get; init; }
}

public sealed record TrainingJobSummary
{
    public string? TrainingJobName { get; init; }
    public string? TrainingJobArn { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? TrainingEndTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public string? TrainingJobStatus { get; init; }
}
