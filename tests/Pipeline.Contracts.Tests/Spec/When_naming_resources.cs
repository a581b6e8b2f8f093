using System.Text.RegularExpressions;
using Pipeline.Contracts;

namespace Pipeline.Contracts.Tests.Spec;

public partial class When_naming_resources
{
    // SageMaker's pattern for training job, model, endpoint config and endpoint names (DOMAIN.md section 6).
    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex SageMakerName();

    private const int SageMakerMaxLength = 63;

    private static readonly string[] VariantNames = ["replicated", "sharded", "a", "sharded-2-hosts", new string('v', 30)];

    private static readonly Guid[] ExperimentIds =
    [
        Guid.Empty,
        Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"),
        Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Guid.NewGuid(),
    ];

    private static IEnumerable<string> All(ResourceNames names) => [names.TrainingJob, names.Model, names.EndpointConfig, names.Endpoint];

    [Fact]
    public void Every_name_matches_SageMakers_pattern_and_length()
    {
        foreach (var id in ExperimentIds)
        foreach (var variant in VariantNames)
        foreach (var name in All(ResourceNames.For(id, variant)))
        {
            Assert.Matches(SageMakerName(), name);
            Assert.InRange(name.Length, 1, SageMakerMaxLength);
        }
    }

    [Fact]
    public void Names_differ_between_variants_of_one_experiment()
    {
        foreach (var id in ExperimentIds)
        {
            var perVariant = VariantNames.Select(v => All(ResourceNames.For(id, v)).ToHashSet()).ToList();
            for (var i = 0; i < perVariant.Count; i++)
            for (var j = i + 1; j < perVariant.Count; j++)
                Assert.Empty(perVariant[i].Intersect(perVariant[j]));
        }
    }

    [Fact]
    public void Names_differ_between_experiments()
    {
        foreach (var variant in VariantNames)
        {
            var perExperiment = ExperimentIds.Select(id => All(ResourceNames.For(id, variant)).ToHashSet()).ToList();
            for (var i = 0; i < perExperiment.Count; i++)
            for (var j = i + 1; j < perExperiment.Count; j++)
                Assert.Empty(perExperiment[i].Intersect(perExperiment[j]));
        }
    }

    [Fact]
    public void The_same_experiment_and_variant_always_give_the_same_names()
    {
        // A copy of the id, not the same instance: a redelivered message is deserialised anew.
        var id = Guid.NewGuid();
        var again = Guid.Parse(id.ToString());

        Assert.Equal(ResourceNames.For(id, "sharded"), ResourceNames.For(again, "sharded"));
    }

    [Fact]
    public void Names_begin_with_the_variant_so_a_reader_can_tell_them_apart()
    {
        var names = ResourceNames.For(Guid.NewGuid(), "replicated");

        Assert.All(All(names), n => Assert.StartsWith("replicated-", n, StringComparison.Ordinal));
    }

    [Fact]
    public void A_variant_name_too_long_for_SageMaker_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ResourceNames.For(Guid.NewGuid(), new string('v', 31)));
    }
}
