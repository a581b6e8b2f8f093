using Pipeline.Contracts;

namespace Pipeline.Cli.Specs;

/// <summary>The `run` options that change the spec; each one left null keeps what the spec says.</summary>
public sealed record SpecOverrides
{
    public string? DataFolder { get; init; }
    public YearSelection? Years { get; init; }
    public long? RowsPerYear { get; init; }
    public int? Instances { get; init; }

    /// <summary>Distribution types, one variant each.</summary>
    public IReadOnlyList<string>? Variants { get; init; }

    /// <summary>The spec with these overrides, and any problem an override itself causes.</summary>
    public (ExperimentSpec Spec, IReadOnlyList<string> Problems) ApplyTo(ExperimentSpec spec)
    {
        var problems = new List<string>();
        // A spec file's null sections are left for validation to name.
        if (spec.Data is null || spec.Training is null || spec.Variants is null)
            return (spec, problems);
        var data = spec.Data;
        if (DataFolder is not null)
            data = data with { Kind = GdeltSourceKind.Local, Location = Path.GetFullPath(DataFolder), RowsPerYear = null, Prepared = null };
        if (Years is not null)
            data = data with { TrainingYears = Years.TrainingYears, TestYear = Years.TestYear };
        if (RowsPerYear is not null)
        {
            if (data.Kind == GdeltSourceKind.Generated)
                data = data with { RowsPerYear = RowsPerYear };
            else
                problems.Add($"--rows-per-year applies only to generated data, but the data source is {data.Kind}.");
        }

        spec = spec with { Data = data };
        if (Variants is not null)
            spec = spec with { Variants = Variants.Select(ToVariant).ToList() };
        if (Instances is { } instances)
        {
            // The option sets the cluster size of every variant, so per-variant sizes from the spec file go.
            spec = spec with
            {
                Training = spec.Training with { InstanceCount = instances },
                Variants = spec.Variants.OfType<VariantSpec>().Select(v => v with { InstanceCount = null }).ToList(),
            };
        }

        return (spec, problems);
    }

    private static VariantSpec ToVariant(string distribution)
    {
        if (distribution.Equals(DistributionTypes.FullyReplicated, StringComparison.OrdinalIgnoreCase))
            return new VariantSpec { Name = "replicated", TrainDistribution = DistributionTypes.FullyReplicated };
        if (distribution.Equals(DistributionTypes.ShardedByS3Key, StringComparison.OrdinalIgnoreCase))
            return new VariantSpec { Name = "sharded", TrainDistribution = DistributionTypes.ShardedByS3Key };
        // Validation names the unknown type.
        return new VariantSpec { Name = distribution.ToLowerInvariant(), TrainDistribution = distribution };
    }
}
