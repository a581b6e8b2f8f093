using Pipeline.Contracts;

namespace Pipeline.Coordinator.Tests;

public sealed class When_the_spec_is_invalid
{
    [Fact]
    public async Task Rejects_with_every_problem_and_does_nothing_else()
    {
        var spec = Specs.Valid() with
        {
            Bucket = "",
            Training = new TrainingSpec { InstanceCount = 0 },
            Variants =
            [
                new VariantSpec { Name = "a", TrainDistribution = "Sideways" },
                new VariantSpec { Name = "a", TrainDistribution = DistributionTypes.FullyReplicated },
            ],
        };
        await using var h = await CoordinatorHarness.StartAsync(spec);
        await h.StartExperiment();

        var rejected = await h.Published<ExperimentRejected>();
        Assert.Equal(h.ExperimentId, rejected.ExperimentId);
        Assert.Contains(rejected.Problems, p => p.Contains("Bucket", StringComparison.Ordinal));
        Assert.Contains(rejected.Problems, p => p.Contains("InstanceCount", StringComparison.Ordinal));
        Assert.Contains(rejected.Problems, p => p.Contains("Sideways", StringComparison.Ordinal));
        Assert.Contains(rejected.Problems, p => p.Contains("more than once", StringComparison.Ordinal));
        Assert.Equal(4, rejected.Problems.Count);

        await Task.Delay(300);
        Assert.False(h.Harness.Sent.Select<object>().Any());
        Assert.Equal(1, h.PublishedCount<ExperimentRejected>());
        Assert.Equal(0, h.PublishedCount<ExperimentFailed>());
        Assert.True(await h.IsGone(), "a rejected experiment leaves no saga behind");
    }
}
