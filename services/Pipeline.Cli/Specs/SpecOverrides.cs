using Pipeline.Contracts;

namespace Pipeline.Cli.Specs;

/// <summary>The `run` options that change the spec; each one left null keeps what the spec says.</summary>
public sealed record SpecOverrides
{
    public string? DataFolder { get; init; }
    public YearSelection? Years { get; init; }
    public long? RowsPerYear { get; init; }
    /// <summary>
    /// One count: the cluster size of every variant. Several: a scaling sweep (Training.InstanceCounts), every variant
    /// at every count, named <c>&lt;variant&gt;-&lt;count&gt;</c>.
    /// </summary>
    public IReadOnlyList<int>? Instances { get; init; }

    /// <summary>One variant each, written <c>[name=]Distribution[@instances]</c> (see <see cref="VariantsHelp"/>).</summary>
    public IReadOnlyList<string>? Variants { get; init; }

    public const string VariantsHelp =
        "Comma-separated variants, each [name=]Distribution[@instances]: FullyReplicated or ShardedByS3Key, named "
        + "replicated or sharded (replicated-N, sharded-N with @N) unless a name is given; @N trains that variant on N "
        + "instances. Example: FullyReplicated,ShardedByS3Key,wide=ShardedByS3Key@10.";

    /// <summary>The spec with these overrides, and any problem an override itself causes.</summary>
    public (ExperimentSpec Spec, IReadOnlyList<string> Problems) ApplyTo(ExperimentSpec spec)
    {
        var problems = new List<string>();
        // A spec file's null sections are left for validation to name.
        if (spec.Data is null || spec.Training is null || spec.Variants is null)
            return (spec, problems);
        var data = spec.Data;
        if (DataFolder is not null)
            data = data with { Kind = DataSourceKind.Local, Location = Path.GetFullPath(DataFolder), RowsPerYear = null, Prepared = null };
        if (Years is not null)
            data = data with { TrainingYears = Years.TrainingYears, TestYear = Years.TestYear };
        if (RowsPerYear is not null)
        {
            if (data.Kind == DataSourceKind.Generated)
                data = data with { RowsPerYear = RowsPerYear };
            else
                problems.Add($"--rows-per-year applies only to generated data, but the data source is {data.Kind}.");
        }

        spec = spec with { Data = data };
        if (Variants is not null)
            spec = spec with { Variants = Variants.Select(item => ToVariant(item, problems)).ToList() };
        if (Instances is { Count: > 0 } counts)
        {
            // The option decides every variant's cluster size (one count) or the sweep (several), so per-variant sizes
            // and a sweep from the spec file go.
            spec = spec with
            {
                Training = counts.Count == 1
                    ? spec.Training with { InstanceCount = counts[0], InstanceCounts = null }
                    : spec.Training with { InstanceCounts = counts },
                Variants = spec.Variants.OfType<VariantSpec>().Select(v => v with { InstanceCount = null }).ToList(),
            };
        }

        return (spec, problems);
    }

    /// <summary>
    /// <c>[name=]Distribution[@instances]</c>. An unknown distribution or a bad name is left for validation to name; a
    /// count that is not a number is a problem here.
    /// </summary>
    private static VariantSpec ToVariant(string item, List<string> problems)
    {
        var text = item.Trim();
        string? name = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            name = text[..equals].Trim();
            text = text[(equals + 1)..].Trim();
        }

        int? instances = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var count = text[(at + 1)..].Trim();
            text = text[..at].Trim();
            if (int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                instances = n;
            else
                problems.Add($"--variants: '{item}' asks for '{count}' instances, which is not a whole number.");
        }

        var distribution = DistributionTypes.All.FirstOrDefault(d => d.Equals(text, StringComparison.OrdinalIgnoreCase)) ?? text;
        var shortName = distribution switch
        {
            DistributionTypes.FullyReplicated => "replicated",
            DistributionTypes.ShardedByS3Key => "sharded",
            _ => distribution.ToLowerInvariant(),
        };
        return new VariantSpec
        {
            Name = name ?? (instances is { } n2 ? $"{shortName}-{n2}" : shortName),
            TrainDistribution = distribution,
            InstanceCount = instances,
        };
    }
}
