using System.Globalization;
using Pipeline.Cli.Output.Report;
using Pipeline.Contracts;

namespace Pipeline.Cli.Output;

/// <summary>
/// The answer in a sentence per compared variant, e.g. "ShardedByS3Key trained 3.9x faster than FullyReplicated (log
/// span 3.1 s vs 12.2 s) at 1.01x its test MSE." Variants are named by their distribution when no two share one.
/// </summary>
public static class ComparisonHeadline
{
    public static IReadOnlyList<string> Sentences(ExperimentReport report)
    {
        var baseline = report.Variants.FirstOrDefault(v => v.Variant == report.Baseline);
        if (baseline is null)
            return ["No FullyReplicated variant ran: there is no baseline to compare against."];
        var compared = report.Variants.Where(v => v != baseline).ToList();
        if (compared.Count == 0)
            return [$"Only the baseline {Name(baseline, report)} ran: there is nothing to compare it with."];
        var mseDecimals = ReportNumbers.DecimalsFor(report.Variants.Select(v => (double?)v.Metrics.Mse));
        return compared.Select(v => Sentence(new VariantComparison(v, baseline, mseDecimals), report)).ToList();
    }

    private static string Sentence(VariantComparison comparison, ExperimentReport report)
    {
        var (variant, baseline) = (comparison.Variant, comparison.Baseline);
        var speed = comparison.Speed switch
        {
            SpeedVerdict.Faster => $"trained {Times(comparison.Times)} faster than",
            SpeedVerdict.Slower => $"trained {Times(comparison.Times)} slower than",
            SpeedVerdict.TooShort or SpeedVerdict.NoDifference => "cannot be said to train faster or slower than",
            _ => "has no training time comparable with",
        };
        var spans = comparison.Speed is SpeedVerdict.TooShort or SpeedVerdict.NoDifference
            ? comparison.SpeedCaveat
            : $"log span {comparison.Spans}";
        var accuracy = comparison.Mse switch
        {
            MseVerdict.NoDifference => $"with no difference in test MSE at the shown precision ({comparison.Mses})",
            MseVerdict.Undefined => "with no comparable test MSE",
            _ => $"at {ComparisonTable.Ratio(variant.MseRatio)} its test MSE",
        };
        return $"{Name(variant, report)} {speed} {Name(baseline, report)} ({spans}) {accuracy}.";
    }

    /// <summary>One decimal ("3.9x"), two when one would say "1.0x" for a ratio that is not 1.</summary>
    private static string Times(double ratio)
    {
        var text = ratio.ToString("0.0", CultureInfo.InvariantCulture);
        return (text == "1.0" && ratio != 1 ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : text) + "x";
    }

    private static string Name(VariantReport variant, ExperimentReport report) =>
        report.Variants.Count(v => v.TrainDistribution == variant.TrainDistribution) == 1 ? variant.TrainDistribution : variant.Variant;
}
