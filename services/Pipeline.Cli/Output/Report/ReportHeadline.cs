using System.Xml.Linq;
using Pipeline.Contracts;
using static Pipeline.Cli.Output.Report.Xhtml;

namespace Pipeline.Cli.Output.Report;

/// <summary>The answer in one sentence and three figures per compared variant: speed-up, MSE ratio, billed time.</summary>
public sealed class ReportHeadline(VariantPalette palette)
{
    public XElement Render(ExperimentReport report)
    {
        var baseline = report.Variants.FirstOrDefault(v => v.Variant == report.Baseline);
        if (baseline is null)
        {
            return E("section", Class("headline"),
                E("p", Class("lead"), "No FullyReplicated variant ran, so there is no baseline to compare against: the figures per variant are below."));
        }

        var compared = report.Variants.Where(v => v != baseline).ToList();
        if (compared.Count == 0)
        {
            return E("section", Class("headline"),
                E("p", Class("lead"), $"Only the baseline {baseline.Variant} ({baseline.TrainDistribution}) ran: there is nothing to compare it with."));
        }

        var mseDecimals = ReportNumbers.DecimalsFor(report.Variants.Select(v => (double?)v.Metrics.Mse));
        return E("section", Class("headline"), compared.Select(v => Comparison(new VariantComparison(v, baseline, mseDecimals))));
    }

    private XElement Comparison(VariantComparison comparison)
    {
        var (variant, baseline) = (comparison.Variant, comparison.Baseline);
        var billedRatio = baseline.BilledSeconds > 0 ? (double)variant.BilledSeconds / baseline.BilledSeconds : (double?)null;
        var speedFigure = comparison.Speed switch
        {
            SpeedVerdict.TooShort => "too short",
            SpeedVerdict.NoDifference => "no difference",
            _ => ReportNumbers.Ratio(variant.SpeedUp),
        };
        return E("div", Class("comparison"),
            E("p", Class("lead"), Sentence(comparison)),
            E("div", Class("cards"),
                Card(speedFigure, "training speed-up", $"log span {comparison.Spans.Replace(" vs ", " against ", StringComparison.Ordinal)}"),
                Card(comparison.Mse == MseVerdict.NoDifference ? "no difference" : ReportNumbers.Ratio(variant.MseRatio), "MSE ratio",
                    $"test MSE {comparison.Mses.Replace(" vs ", " against ", StringComparison.Ordinal)}"),
                Card(ReportNumbers.Ratio(billedRatio), "billed seconds ratio",
                    $"{ReportNumbers.Count(variant.BilledSeconds)} s against {ReportNumbers.Count(baseline.BilledSeconds)} s (instances × billable time)")),
            new XAttribute("style", $"--variant: {palette.ColourOf(variant.Variant)}"));
    }

    private static object[] Sentence(VariantComparison comparison)
    {
        var (variant, baseline) = (comparison.Variant, comparison.Baseline);
        var speed = comparison.Speed switch
        {
            SpeedVerdict.Faster => $"trained {ReportNumbers.Ratio(comparison.Times)} faster than",
            SpeedVerdict.Slower => $"trained {ReportNumbers.Ratio(comparison.Times)} slower than",
            SpeedVerdict.TooShort or SpeedVerdict.NoDifference => $"cannot be said to train faster or slower than",
            _ => "has no comparable training time against",
        };
        var accuracy = comparison.Mse switch
        {
            MseVerdict.Higher => $"; its test MSE is {comparison.MseDifference} higher (worse).",
            MseVerdict.Lower => $"; its test MSE is {comparison.MseDifference} lower (better).",
            MseVerdict.NoDifference => $"; its test MSE shows no difference at the shown precision ({comparison.Mses}).",
            _ => "; the MSE ratio is undefined.",
        };
        var caveat = comparison.Speed is SpeedVerdict.TooShort or SpeedVerdict.NoDifference ? $" ({comparison.SpeedCaveat})" : "";
        return
        [
            E("strong", variant.TrainDistribution), $" ({variant.Variant}) {speed} ",
            E("strong", baseline.TrainDistribution), $" ({baseline.Variant}){caveat}{accuracy}",
        ];
    }

    private static XElement Card(string figure, string label, string detail) =>
        E("div", Class("card"), E("div", Class("figure"), figure), E("div", Class("label"), label), E("div", Class("detail"), detail));
}
