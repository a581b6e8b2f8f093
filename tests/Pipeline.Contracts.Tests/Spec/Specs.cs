using Pipeline.Contracts;

namespace Pipeline.Contracts.Tests.Spec;

/// <summary>Specs the tests start from.</summary>
internal static class Specs
{
    /// <summary>The seed notebook's experiment: every default, plus the two values that are always the user's.</summary>
    public static ExperimentSpec Notebook() => new()
    {
        Bucket = "my-experiments",
        RoleArn = "arn:aws:iam::123456789012:role/SageMakerExecution",
    };

    public static VariantSpec Variant(string name, string distribution, int? instances = null) =>
        new() { Name = name, TrainDistribution = distribution, InstanceCount = instances };

    public static ExperimentSpec WithHyperParameter(this ExperimentSpec spec, string name, string? value)
    {
        var hyperParameters = spec.HyperParameters.ToDictionary();
        if (value is null)
            hyperParameters.Remove(name);
        else
            hyperParameters[name] = value;
        return spec with { HyperParameters = hyperParameters };
    }
}
