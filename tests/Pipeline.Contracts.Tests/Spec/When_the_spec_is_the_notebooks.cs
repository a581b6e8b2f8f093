using Pipeline.Contracts;

namespace Pipeline.Contracts.Tests.Spec;

public class When_the_spec_is_the_notebooks
{
    [Fact]
    public void It_is_valid_once_bucket_and_role_are_filled_in()
    {
        Assert.Empty(Specs.Notebook().Validate());
    }

    [Fact]
    public void It_describes_the_notebooks_experiment()
    {
        var spec = Specs.Notebook();

        Assert.Equal([1979, 1980, 1981, 1982, 1983], spec.Data.TrainingYears);
        Assert.Equal(1984, spec.Data.TestYear);
        Assert.Equal(5, spec.Training.InstanceCount);
        Assert.Equal(["FullyReplicated", "ShardedByS3Key"], spec.Variants.Select(v => v.TrainDistribution));
        Assert.Equal("25", spec.HyperParameters["feature_dim"]);
        Assert.Equal("absolute_loss", spec.HyperParameters["loss"]);
    }

    [Fact]
    public void Without_bucket_and_role_both_are_reported()
    {
        var problems = new ExperimentSpec().Validate();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("Bucket", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RoleArn", StringComparison.Ordinal));
    }
}
