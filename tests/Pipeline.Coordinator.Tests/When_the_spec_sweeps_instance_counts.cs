using Pipeline.Contracts;

namespace Pipeline.Coordinator.Tests;

public sealed class When_the_spec_sweeps_instance_counts
{
    [Fact]
    public async Task Each_variant_trains_once_at_every_count()
    {
        var sweep = Specs.Valid() with { Training = Specs.Valid().Training with { InstanceCounts = [1, 3] } };
        await using var h = await CoordinatorHarness.StartAsync(sweep);

        await h.Ingest();

        var commands = await h.Sent<StartTrainingJob>(4);
        Assert.Equal(
            [("replicated-1", "FullyReplicated", 1), ("replicated-3", "FullyReplicated", 3), ("sharded-1", "ShardedByS3Key", 1), ("sharded-3", "ShardedByS3Key", 3)],
            commands.Select(c => (c.Variant, c.TrainDistribution, c.InstanceCount)).Order());
        Assert.Equal(commands.Select(c => h.Names(c.Variant).TrainingJob).Order(), commands.Select(c => c.TrainingJobName).Order());
        Assert.Equal(4, h.Instance!.Variants.Count);
    }
}
