using Pipeline.Contracts;
using static Pipeline.Contracts.Tests.Spec.Specs;

namespace Pipeline.Contracts.Tests.Spec;

/// <summary>Values at the edge of what is allowed are accepted, so the checks above are not simply over-eager.</summary>
public class When_a_field_is_at_its_limit
{
    public static TheoryData<string> CaseNames => new(Cases.Keys);

    private static readonly Dictionary<string, Func<ExperimentSpec, ExperimentSpec>> Cases = new()
    {
        ["variant name of 30 characters"] = s => s with { Variants = [Variant(new string('r', 30), "FullyReplicated")] },
        ["variant name with single hyphens and digits"] = s => s with { Variants = [Variant("sharded-10-hosts", "ShardedByS3Key")] },
        ["same distribution on different cluster sizes"] = s => s with { Variants = [Variant("small", "ShardedByS3Key", 2), Variant("large", "ShardedByS3Key", 8)] },
        ["one variant"] = s => s with { Variants = [Variant("sharded", "ShardedByS3Key")] },
        ["feature_dim auto"] = s => s.WithHyperParameter("feature_dim", "auto"),
        ["regressor with huber loss"] = s => s.WithHyperParameter("loss", "huber_loss"),
        ["beta_1 just below 1"] = s => s.WithHyperParameter("beta_1", "0.999"),
        ["last yearly GDELT file from S3"] = s => s with { Data = s.Data with { TrainingYears = [2003, 2004], TestYear = 2005 } },
        ["years after 2005 when generated"] = s => s with { Data = s.Data with { Kind = DataSourceKind.Generated, RowsPerYear = 1, TrainingYears = [2010, 2011], TestYear = 2012 } },
        ["local folder"] = s => s with { Data = s.Data with { Kind = DataSourceKind.Local, Location = "data/gdelt" } },
        ["prepared dataset with its own feature count"] = s => s.WithHyperParameter("feature_dim", "10") with
        {
            Data = s.Data with { Prepared = new PreparedDatasetSpec { TrainPrefix = "s3://b-1/train/", ValidationPrefix = "s3://b-1/validation/", TestObject = "s3://b-1/test.csv", FeatureDim = 10 } },
        },
        ["bucket of 63 characters with dots"] = s => s with { Bucket = "my.experiments." + new string('b', 48) },
        ["role in a sub-path"] = s => s with { RoleArn = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole" },
        ["role in another partition"] = s => s with { RoleArn = "arn:aws-cn:iam::123456789012:role/SageMaker" },
        ["20 training instances"] = s => s with { Training = s.Training with { InstanceCount = 20 } },
        ["a variant on 20 instances"] = s => s with { Variants = [Variant("wide", "ShardedByS3Key", 20)] },
        ["20 endpoint instances"] = s => s with { Endpoint = s.Endpoint with { InstanceCount = 20 } },
        ["mini_batch_size of the largest 32-bit integer"] = s => s.WithHyperParameter("mini_batch_size", "2147483647"),
        ["max runtime of 28 days"] = s => s with { Training = s.Training with { MaxRuntimeInSeconds = 28 * 24 * 3600 } },
        ["training timeout left to the default"] = s => s with { Timeouts = s.Timeouts with { Training = null } },
        // A resource takes 50 tags; the pipeline adds its own 3.
        ["47 tags of maximal size"] = s => s with { Tags = Enumerable.Range(10, 47).ToDictionary(i => $"{i}{new string('k', 126)}", _ => new string('v', 256)) },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Reports_no_problem(string caseName)
    {
        Assert.Empty(Cases[caseName](Specs.Notebook()).Validate());
    }
}
