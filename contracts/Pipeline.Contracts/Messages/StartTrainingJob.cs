namespace Pipeline.Contracts;

/// <summary>Create one variant's training job (CreateTrainingJob), idempotent by its name.</summary>
public sealed record StartTrainingJob
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string TrainingJobName { get; init; }
    public required string AlgorithmImage { get; init; }
    public required string RoleArn { get; init; }
    public required int InstanceCount { get; init; }
    public required string InstanceType { get; init; }
    public required int VolumeSizeInGB { get; init; }
    public required string TrainPrefix { get; init; }
    public required string TrainDistribution { get; init; }
    public required string ValidationPrefix { get; init; }

    /// <summary>Both channels' ContentType: the dataset's (<see cref="DatasetContentTypes"/>).</summary>
    public string ContentType { get; init; } = DatasetContentTypes.RecordIOProtobuf;

    /// <summary>s3://bucket/prefix/ under which SageMaker writes &lt;job&gt;/output/model.tar.gz.</summary>
    public required string OutputPath { get; init; }

    public required IReadOnlyDictionary<string, string> HyperParameters { get; init; }
    public required int MaxRuntimeInSeconds { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
