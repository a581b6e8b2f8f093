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
        return compared.Select(v => Sentence(v, baseline, report)).ToList();
    }

    private static string Sentence(VariantReport variant, VariantReport baseline, ExperimentReport report)
    {
        var speed = variant.SpeedUp switch
        {
            { } s when double.IsFinite(s) && s >= 1 => $"trained {Times(s)} faster than",
            { } s when double.IsFinite(s) && s > 0 => $"trained {Times(1 / s)} slower than",
            _ => "has no training time comparable with",
        };
        var accuracy = ReportNumbers.IsDefined(variant.MseRatio)
            ? $"at {ComparisonTable.Ratio(variant.MseRatio)} its test MSE"
            : "with no comparable test MSE";
        return $"{Name(variant, report)} {speed} {Name(baseline, report)} " +
               $"(log span {ReportNumbers.Seconds(variant.LogSpanSeconds)} s vs {ReportNumbers.Seconds(baseline.LogSpanSeconds)} s) {accuracy}.";
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
