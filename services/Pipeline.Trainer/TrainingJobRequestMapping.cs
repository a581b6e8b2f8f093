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

    /// <summary>The datasets are float32 RecordIO-protobuf; the notebook leaves this to the algorithm's default, which is the same.</summary>
    public const string RecordIOProtobuf = "application/x-recordio-protobuf";

    public static CreateTrainingJobRequest ToRequest(StartTrainingJob command) => new()
    {
        TrainingJobName = command.TrainingJobName,
        AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = command.AlgorithmImage, TrainingInputMode = FileInputMode },
        RoleArn = command.RoleArn,
        InputDataConfig =
        [
            ChannelOf("train", command.TrainPrefix, command.TrainDistribution),
            // Every host validates on the whole validation set, whatever the train channel does.
            ChannelOf("validation", command.ValidationPrefix, DistributionTypes.FullyReplicated),
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

    private static Channel ChannelOf(string name, string s3Prefix, string distribution) => new()
    {
        ChannelName = name,
        DataSource = new DataSource
        {
            S3DataSource = new S3DataSource { S3DataType = S3Prefix, S3Uri = s3Prefix, S3DataDistributionType = distribution },
        },
        ContentType = RecordIOProtobuf,
        CompressionType = NoCompression,
        RecordWrapperType = NoRecordWrapper,
    };
}
