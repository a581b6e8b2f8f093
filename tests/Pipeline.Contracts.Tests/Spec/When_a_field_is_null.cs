using Pipeline.Contracts;

namespace Pipeline.Contracts.Tests.Spec;

/// <summary>A JSON spec can set any field to null; each one is a problem named by its field, never an exception.</summary>
public class When_a_field_is_null
{
    private static readonly Dictionary<string, (Func<ExperimentSpec, ExperimentSpec> Break, string Mentions)> Cases = new()
    {
        ["data"] = (s => s with { Data = null! }, "Data is null"),
        ["training"] = (s => s with { Training = null! }, "Training is null"),
        ["variants"] = (s => s with { Variants = null! }, "Variants is null"),
        ["tags"] = (s => s with { Tags = null! }, "Tags is null"),
        ["hyperparameters"] = (s => s with { HyperParameters = null! }, "HyperParameters is null"),
        ["endpoint"] = (s => s with { Endpoint = null! }, "Endpoint is null"),
        ["timeouts"] = (s => s with { Timeouts = null! }, "Timeouts is null"),
        ["name"] = (s => s with { Name = null! }, "Name is null"),
        ["prefix"] = (s => s with { Prefix = null! }, "Prefix is null"),
        ["training years"] = (s => s with { Data = s.Data with { TrainingYears = null! } }, "Data.TrainingYears is null"),
        ["one variant"] = (s => s with { Variants = [Specs.Variant("replicated", "FullyReplicated"), null!] }, "Variants[1] is null"),
        ["a hyperparameter"] = (s => s with { HyperParameters = new Dictionary<string, string> { ["predictor_type"] = "regressor", ["feature_dim"] = null! } }, "HyperParameters.feature_dim is null"),
        ["a tag's value"] = (s => s with { Tags = new Dictionary<string, string> { ["team"] = null! } }, "Tag 'team' is null"),
        ["bucket"] = (s => s with { Bucket = null! }, "Bucket is empty"),
        ["role"] = (s => s with { RoleArn = null! }, "RoleArn"),
        ["image"] = (s => s with { AlgorithmImage = null! }, "AlgorithmImage is empty"),
        ["training instance type"] = (s => s with { Training = s.Training with { InstanceType = null! } }, "Training.InstanceType"),
        ["variant name and distribution"] = (s => s with { Variants = [new VariantSpec { Name = null!, TrainDistribution = null! }] }, "unknown distribution type ''"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void It_is_reported_by_name(string caseName)
    {
        var (breakIt, mentions) = Cases[caseName];

        var problems = breakIt(Specs.Notebook()).Validate();

        Assert.Contains(problems, p => p.Contains(mentions, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_null_section_is_listed_at_once()
    {
        var spec = Specs.Notebook() with { Data = null!, Training = null!, Variants = null!, Tags = null! };

        var problems = spec.Validate();

        Assert.Equal(["Data is null", "Training is null", "Variants is null", "Tags is null"],
            problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
    }
}
