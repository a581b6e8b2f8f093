using Pipeline.Contracts;

namespace Pipeline.Cli.Output;

/// <summary>One variant of a scaling sweep: its cluster size and what that size gave.</summary>
public sealed record ScalingPoint(string Variant, int Instances, double LogSpanSeconds, long BilledSeconds, double Mse)
{
    /// <summary>The log span perfect scaling would give: the smallest cluster's, divided by the size ratio.</summary>
    public double IdealLogSpanSeconds { get; init; }
}

/// <summary>The variants of one distribution type, by instance count.</summary>
public sealed record ScalingSeries(string TrainDistribution, IReadOnlyList<ScalingPoint> Points);

/// <summary>
/// How training time, billed seconds and accuracy move with the instance count, for each distribution type that ran
/// at two counts or more (a scaling sweep). Perfect scaling divides the smallest cluster's log span by the size
/// ratio (the ideal 1/n line) and keeps billed seconds as they were.
/// </summary>
public static class ScalingView
{
    /// <summary>What the console and report.html both say about how a local sweep was timed.</summary>
    public const string TimingNote =
        "Embedded, LocalSageMaker trains one job at a time (LocalSageMaker:MaxConcurrentTrainingJobs), so each job is timed "
        + "alone; its simulated instances share this machine's cores, so past the core count a bigger cluster cannot train "
        + "faster here, and with FullyReplicated every added host reads all the data again.";

    /// <returns>One series per distribution type swept, in the report's order; empty when nothing was swept.</returns>
    public static IReadOnlyList<ScalingSeries> From(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var series = new List<ScalingSeries>();
        foreach (var type in report.Variants.GroupBy(v => v.TrainDistribution))
        {
            var variants = type.OrderBy(v => v.InstanceCount).ToList();
            if (variants.Select(v => v.InstanceCount).Distinct().Count() < 2)
                continue;
            var smallest = variants[0];
            series.Add(new ScalingSeries(type.Key, [.. variants.Select(v => new ScalingPoint(
                v.Variant, v.InstanceCount, v.LogSpanSeconds, v.BilledSeconds, v.Metrics.Mse)
            {
                IdealLogSpanSeconds = smallest.LogSpanSeconds * smallest.InstanceCount / v.InstanceCount,
            })]));
        }

        return series;
    }
}
