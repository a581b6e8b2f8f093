using Pipeline.Contracts;
using static Pipeline.Contracts.Tests.Spec.Specs;

namespace Pipeline.Contracts.Tests.Spec;

public class When_sweeping_instance_counts
{
    [Fact]
    public void Every_variant_runs_at_every_count_named_for_it()
    {
        var spec = Notebook() with { Training = Notebook().Training with { InstanceCounts = [1, 2, 5, 10] } };

        var expanded = spec.WithSweepExpanded();

        Assert.Equal(
            [("replicated-1", "FullyReplicated", 1), ("replicated-2", "FullyReplicated", 2), ("replicated-5", "FullyReplicated", 5),
             ("replicated-10", "FullyReplicated", 10), ("sharded-1", "ShardedByS3Key", 1), ("sharded-2", "ShardedByS3Key", 2),
             ("sharded-5", "ShardedByS3Key", 5), ("sharded-10", "ShardedByS3Key", 10)],
            expanded.Variants.Select(v => (v.Name, v.TrainDistribution, expanded.InstanceCountOf(v))));
        Assert.Null(expanded.Training.InstanceCounts);
        Assert.Empty(spec.Validate());
        Assert.Empty(expanded.Validate());
    }

    [Fact]
    public void Without_a_sweep_the_variants_are_the_specs_own()
    {
        var spec = Notebook() with { Variants = [Variant("wide", "ShardedByS3Key", 10)] };

        Assert.Same(spec, spec.WithSweepExpanded());
    }

    [Fact]
    public void A_sweep_that_repeats_a_variants_own_experiment_is_refused()
    {
        var spec = Notebook() with
        {
            Training = Notebook().Training with { InstanceCounts = [2, 5] },
            Variants = [Variant("a", "ShardedByS3Key"), Variant("b", "ShardedByS3Key")],
        };

        Assert.Contains(spec.Validate(), p => p.Contains("are the same experiment", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_variant_is_named_once_however_many_counts_the_sweep_has()
    {
        var spec = Notebook() with
        {
            Training = Notebook().Training with { InstanceCounts = [1, 2, 5, 10] },
            Variants = [Variant("replicated", "Striped"), Variant("sharded", "ShardedByS3Key", instances: 0)],
        };

        var problems = spec.Validate();

        Assert.Single(problems, p => p.Contains("'Striped'", StringComparison.Ordinal));
        Assert.Single(problems, p => p.Contains("InstanceCount must be 1-20 (got 0)", StringComparison.Ordinal));
    }
}
