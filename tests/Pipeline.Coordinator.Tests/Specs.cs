using Pipeline.Contracts;

namespace Pipeline.Coordinator.Tests;

internal static class Specs
{
    /// <summary>The notebook's experiment on generated data, with the user's settings filled in.</summary>
    public static ExperimentSpec Valid(int variants = 2) => new()
    {
        Bucket = "pipeline-tests",
        RoleArn = "arn:aws:iam::123456789012:role/pipeline-tests",
        Data = new DataSourceSpec { Kind = DataSourceKind.Generated, RowsPerYear = 1000 },
        Variants = variants switch
        {
            2 => new ExperimentSpec().Variants,
            3 =>
            [
                new VariantSpec { Name = "replicated", TrainDistribution = DistributionTypes.FullyReplicated },
                new VariantSpec { Name = "sharded", TrainDistribution = DistributionTypes.ShardedByS3Key },
                new VariantSpec { Name = "sharded-ten", TrainDistribution = DistributionTypes.ShardedByS3Key, InstanceCount = 10 },
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(variants)),
        },
    };
}

internal static class Datasets
{
    public static IngestedDataset Small() => new()
    {
        TrainPrefix = "s3://pipeline-tests/sagemaker/DEMO-data-distribution-types/train/",
        ValidationPrefix = "s3://pipeline-tests/sagemaker/DEMO-data-distribution-types/validation/",
        TestObject = "s3://pipeline-tests/sagemaker/DEMO-data-distribution-types/test/1984.data",
        FeatureDim = 25,
    };
}
