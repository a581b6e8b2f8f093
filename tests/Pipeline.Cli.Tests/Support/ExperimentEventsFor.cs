using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Support;

/// <summary>The events one experiment publishes, with made-up but plausible values.</summary>
public sealed class ExperimentEventsFor(Guid experimentId)
{
    public static ExperimentSpec TwoVariantSpec { get; } = new()
    {
        Name = "test-experiment",
        Bucket = "my-experiments",
        RoleArn = "arn:aws:iam::123456789012:role/R",
        Variants =
        [
            new VariantSpec { Name = "replicated", TrainDistribution = DistributionTypes.FullyReplicated },
            new VariantSpec { Name = "sharded", TrainDistribution = DistributionTypes.ShardedByS3Key },
        ],
    };

    public static IngestedDataset Dataset { get; } = new()
    {
        TrainPrefix = "s3://my-experiments/p/train/",
        ValidationPrefix = "s3://my-experiments/p/validation/",
        TestObject = "s3://my-experiments/p/test/1984.data",
        FeatureDim = 25,
        Counts = new IngestionCounts
        {
            RowsRead = 1000, RowsKept = 800, Dropped = new Dictionary<string, long> { ["code outside vocabulary"] = 200 },
            TrainRows = 600, ValidationRows = 70, TestRows = 130,
        },
    };

    public Guid ExperimentId => experimentId;

    public static string Job(string variant) => $"{variant}-job";

    public DatasetIngested Ingested() => new() { ExperimentId = experimentId, Dataset = Dataset };

    public TrainingJobStarted Started(string variant) =>
        new() { ExperimentId = experimentId, Variant = variant, TrainingJobName = Job(variant), TrainingJobArn = $"arn:aws:sagemaker:us-east-1:123456789012:training-job/{Job(variant)}" };

    public TrainingJobStatusChanged Status(string variant, string secondary) =>
        new() { ExperimentId = experimentId, Variant = variant, TrainingJobName = Job(variant), SecondaryStatus = secondary };

    public TrainingJobCompleted Trained(string variant, double logSpan = 100) => new()
    {
        ExperimentId = experimentId, Variant = variant, TrainingJobName = Job(variant), ModelArtifactUri = $"s3://my-experiments/out/{Job(variant)}/output/model.tar.gz",
        InstanceCount = 5, LogSpanSeconds = logSpan, TrainingTimeInSeconds = (int)logSpan + 60, BillableTimeInSeconds = (int)logSpan + 60,
    };

    public TrainingJobFailed TrainingFailed(string variant, string reason) =>
        new() { ExperimentId = experimentId, Variant = variant, TrainingJobName = Job(variant), Status = "Failed", Reason = reason };

    public EndpointInService InService(string variant) => new() { ExperimentId = experimentId, Variant = variant, EndpointName = Job(variant) };

    public EndpointEvaluated Evaluated(string variant, double mse = 1.5) =>
        new() { ExperimentId = experimentId, Variant = variant, EndpointName = Job(variant), Metrics = Metrics(mse) };

    public EndpointDeleted Deleted(string variant) => new() { ExperimentId = experimentId, Variant = variant, EndpointName = Job(variant) };

    public static EvaluationMetrics Metrics(double mse) =>
        new() { Rows = 130, Mse = mse, Rmse = Math.Sqrt(mse), Mae = mse / 2, R2 = 0.25, Invocations = 1 };

    public ExperimentCompleted Completed() => new()
    {
        ExperimentId = experimentId,
        Report = new ExperimentReport { Name = TwoVariantSpec.Name, Dataset = Dataset, Variants = [], Baseline = null },
    };

    public ExperimentFailed Failed(string stage, string reason) =>
        new() { ExperimentId = experimentId, Stage = stage, Reason = reason, TornDown = [Job("replicated")], Remaining = [Job("sharded")] };

    public ExperimentCancelled Cancelled(string stage) =>
        new() { ExperimentId = experimentId, Stage = stage, Reason = "cancelled by request", TornDown = [] };
}
