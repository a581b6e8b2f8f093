using Pipeline.Contracts;

namespace Pipeline.Cli.Output.Report;

public enum SpeedVerdict { Faster, Slower, NoDifference, TooShort, Undefined }

public enum MseVerdict { Lower, Higher, NoDifference, Undefined }

/// <summary>
/// What can honestly be said of a variant against the baseline. Log spans are measured between log lines written
/// once per epoch on a machine shared with everything else, so a span under a second, or two spans less than a second
/// apart, say nothing about which trained faster; and two test MSEs equal at the precision shown have no direction.
/// </summary>
public sealed class VariantComparison
{
    /// <summary>The shortest log span, and the smallest difference between two, that tells anything.</summary>
    public const double MeasurableSeconds = 1.0;

    public VariantComparison(VariantReport variant, VariantReport baseline, int mseDecimals)
    {
        Variant = variant;
        Baseline = baseline;
        Spans = $"{ReportNumbers.Seconds(variant.LogSpanSeconds)} s vs {ReportNumbers.Seconds(baseline.LogSpanSeconds)} s";
        Mses = $"{ReportNumbers.Metric(variant.Metrics.Mse, mseDecimals)} vs {ReportNumbers.Metric(baseline.Metrics.Mse, mseDecimals)}";
        Speed = SpeedOf(variant, baseline);
        Mse = MseOf(variant, baseline, mseDecimals);
    }

    public VariantReport Variant { get; }
    public VariantReport Baseline { get; }
    public SpeedVerdict Speed { get; }
    public MseVerdict Mse { get; }

    /// <summary>"3.1 s vs 12.2 s": the variant's log span, then the baseline's.</summary>
    public string Spans { get; }

    /// <summary>"4.5260 vs 4.5267": the variant's test MSE, then the baseline's, at one precision.</summary>
    public string Mses { get; }

    /// <summary>How many times faster (or slower) the variant trained; only meaningful for Faster and Slower.</summary>
    public double Times => Speed == SpeedVerdict.Slower ? 1 / Variant.SpeedUp!.Value : Variant.SpeedUp ?? double.NaN;

    /// <summary>Why there is no ratio, in words, for NoDifference and TooShort.</summary>
    public string SpeedCaveat => Speed switch
    {
        SpeedVerdict.TooShort => $"too short to compare: {Spans}; a log span under {MeasurableSeconds:0} s is within the log's resolution",
        SpeedVerdict.NoDifference => $"no measurable difference: {Spans}, less than {MeasurableSeconds:0} s apart",
        _ => "",
    };

    /// <summary>"5.0 %" for Lower and Higher: how far the test MSE is from the baseline's, never "0.0 %".</summary>
    public string MseDifference =>
        Math.Abs(Variant.MseRatio!.Value - 1) < 0.0005 ? "less than 0.1 %" : ReportNumbers.Percent(Math.Abs(Variant.MseRatio.Value - 1));

    /// <summary>
    /// The speed-up as a table cell: the ratio, or "too short" / "< 1 s apart" when the spans cannot be compared.
    /// The baseline (and a report without one) shows its ratio as is.
    /// </summary>
    public static string SpeedUpCell(ExperimentReport report, VariantReport variant, Func<double?, string> ratio)
    {
        var baseline = report.Variants.FirstOrDefault(v => v.Variant == report.Baseline);
        if (baseline is null || baseline == variant)
            return ratio(variant.SpeedUp);
        return SpeedOf(variant, baseline) switch
        {
            SpeedVerdict.TooShort => "too short",
            SpeedVerdict.NoDifference => $"< {MeasurableSeconds:0} s apart",
            _ => ratio(variant.SpeedUp),
        };
    }

    private static SpeedVerdict SpeedOf(VariantReport variant, VariantReport baseline)
    {
        if (!ReportNumbers.IsDefined(variant.SpeedUp) || variant.SpeedUp <= 0
            || !double.IsFinite(variant.LogSpanSeconds) || !double.IsFinite(baseline.LogSpanSeconds))
            return SpeedVerdict.Undefined;
        if (Math.Min(variant.LogSpanSeconds, baseline.LogSpanSeconds) < MeasurableSeconds)
            return SpeedVerdict.TooShort;
        if (Math.Abs(variant.LogSpanSeconds - baseline.LogSpanSeconds) < MeasurableSeconds)
            return SpeedVerdict.NoDifference;
        return variant.SpeedUp >= 1 ? SpeedVerdict.Faster : SpeedVerdict.Slower;
    }

    private static MseVerdict MseOf(VariantReport variant, VariantReport baseline, int decimals)
    {
        if (!ReportNumbers.IsDefined(variant.MseRatio) || !ReportNumbers.IsDefined(variant.Metrics.Mse) || !ReportNumbers.IsDefined(baseline.Metrics.Mse))
            return MseVerdict.Undefined;
        var shown = ReportNumbers.Metric(variant.Metrics.Mse, decimals);
        if (shown == ReportNumbers.Metric(baseline.Metrics.Mse, decimals))
            return MseVerdict.NoDifference;
        return variant.Metrics.Mse > baseline.Metrics.Mse ? MseVerdict.Higher : MseVerdict.Lower;
    }
}
