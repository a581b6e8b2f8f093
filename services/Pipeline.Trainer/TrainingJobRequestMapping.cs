using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;

namespace Pipeline.Trainer;

/// <summary>Turns a StartTrainingJob command into the CreateTrainingJob request the seed notebook sends.</summary>
public static class TrainingJobRequestMapping
{
    public const string FileInputMode = "File";
    public const string S3Prefix = "S3Prefix";
    public const string NoCompression = "None";
    public const string NoRecordWrapper = "None";

    public static CreateTrainingJobRequest ToRequest(StartTrainingJob command) => new()
    {
        TrainingJobName = command.TrainingJobName,
        AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = command.AlgorithmImage, TrainingInputMode = FileInputMode },
        RoleArn = command.RoleArn,
        InputDataConfig =
        [
            ChannelOf("train", command.TrainPrefix, command.TrainDistribution, command.ContentType),
            // Every host validates on the whole validation set, whatever the train channel does.
            ChannelOf("validation", command.ValidationPrefix, DistributionTypes.FullyReplicated, command.ContentType),
        ],
        OutputDataConfig = new OutputDataConfig { S3OutputPath = command.OutputPath },
        ResourceConfig = new ResourceConfig
        {
            InstanceCount = command.InstanceCount,
            InstanceType = command.InstanceType,
            VolumeSizeInGB = command.VolumeSizeInGB,
        },
        HyperParameters = new Dictionary<string, string>(command.HyperParameters),
        StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = command.MaxRuntimeInSeconds },
        // SageMaker takes an absent Tags, not only an empty list; leave it out when there are none.
        Tags = command.Tags.Count == 0 ? null : command.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
    };

    /// <remarks>
    /// The content type is the dataset's: RecordIO-protobuf for GDELT (which the notebook leaves to the linear learner's
    /// default, the same), text/csv for the generated sales.
    /// </remarks>
    private static Channel ChannelOf(string name, string s3Prefix, string distribution, string contentType) => new()
    {
        ChannelName = name,
        DataSource = new DataSource
        {
            S3DataSource = new S3DataSource { S3DataType = S3Prefix, S3Uri = s3Prefix, S3DataDistributionType = distribution },
        },
        ContentType = contentType,
        CompressionType = NoCompression,
        RecordWrapperType = NoRecordWrapper,
    };
}
