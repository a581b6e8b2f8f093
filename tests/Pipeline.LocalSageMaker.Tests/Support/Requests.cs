using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Tests.Support;

/// <summary>CreateTrainingJob requests like the notebook's, to vary per test.</summary>
public static class Requests
{
    public const string LinearLearnerImage = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1";
    public const string OutputPath = "s3://models/output";

    public static CreateTrainingJobRequest Valid(string name, int instances = 2, string image = LinearLearnerImage, params Channel[] channels) => new()
    {
        TrainingJobName = name,
        AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = image, TrainingInputMode = "File" },
        RoleArn = "arn:aws:iam::123456789012:role/SageMakerRole",
        HyperParameters = new Dictionary<string, string>
        {
            ["feature_dim"] = "25",
            ["mini_batch_size"] = "500",
            ["predictor_type"] = "regressor",
        },
        InputDataConfig = channels.Length > 0 ? [.. channels] : [Channel("train", "s3://data/gdelt/train/")],
        OutputDataConfig = new OutputDataConfig { S3OutputPath = OutputPath },
        ResourceConfig = new ResourceConfig { InstanceType = "ml.c4.2xlarge", InstanceCount = instances, VolumeSizeInGB = 10 },
        StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
    };

    public static Channel Channel(
        string name, string uri, string? distribution = "FullyReplicated", string dataType = "S3Prefix",
        string? compression = null, string? contentType = null, string? recordWrapper = null) => new()
    {
        ChannelName = name,
        DataSource = new DataSource
        {
            S3DataSource = new S3DataSource { S3DataType = dataType, S3Uri = uri, S3DataDistributionType = distribution },
        },
        CompressionType = compression,
        ContentType = contentType,
        RecordWrapperType = recordWrapper,
    };
}
