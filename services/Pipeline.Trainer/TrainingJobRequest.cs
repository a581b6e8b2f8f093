namespace Pipeline.Trainer;

/// <summary>
/// A CreateTrainingJob request, shaped and named like the SageMaker API so the real client maps it
/// member for member. Only the members this project sets are here.
/// </summary>
public sealed record TrainingJobRequest
{
    public required string TrainingJobName { get; init; }
    public required AlgorithmSpecification AlgorithmSpecification { get; init; }
    public required string RoleArn { get; init; }
    public required IReadOnlyList<Channel> InputDataConfig { get; init; }
    public required OutputDataConfig OutputDataConfig { get; init; }
    public required ResourceConfig ResourceConfig { get; init; }
    public required IReadOnlyDictionary<string, string> HyperParameters { get; init; }
    public required StoppingCondition StoppingCondition { get; init; }
    public IReadOnlyList<Tag> Tags { get; init; } = [];
}

public sealed record AlgorithmSpecification(string TrainingImage, string TrainingInputMode);

public sealed record Channel
{
    public required string ChannelName { get; init; }
    public required DataSource DataSource { get; init; }
    public required string ContentType { get; init; }
    public required string CompressionType { get; init; }
    public required string RecordWrapperType { get; init; }
}

public sealed record DataSource(S3DataSource S3DataSource);

public sealed record S3DataSource(string S3DataType, string S3Uri, string S3DataDistributionType);

public sealed record OutputDataConfig(string S3OutputPath);

public sealed record ResourceConfig(int InstanceCount, string InstanceType, int VolumeSizeInGB);

public sealed record StoppingCondition(int MaxRuntimeInSeconds);

public sealed record Tag(string Key, string Value);
