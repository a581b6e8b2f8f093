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

        return E("section", Class("headline"), compared.Select(v => Comparison(v, baseline)));
    }

    private XElement Comparison(VariantReport variant, VariantReport baseline)
    {
        var billedRatio = baseline.BilledSeconds > 0 ? (double)variant.BilledSeconds / baseline.BilledSeconds : (double?)null;
        return E("div", Class("comparison"),
            E("p", Class("lead"), Sentence(variant, baseline)),
            E("div", Class("cards"),
                Card(ReportNumbers.Ratio(variant.SpeedUp), "training speed-up",
                    $"log span {ReportNumbers.Seconds(variant.LogSpanSeconds)} s against {ReportNumbers.Seconds(baseline.LogSpanSeconds)} s"),
                Card(ReportNumbers.Ratio(variant.MseRatio), "MSE ratio",
                    $"test MSE {ReportNumbers.Metric(variant.Metrics.Mse)} against {ReportNumbers.Metric(baseline.Metrics.Mse)}"),
                Card(ReportNumbers.Ratio(billedRatio), "billed seconds ratio",
                    $"{ReportNumbers.Count(variant.BilledSeconds)} s against {ReportNumbers.Count(baseline.BilledSeconds)} s (instances × billable time)")),
            new XAttribute("style", $"--variant: {palette.ColourOf(variant.Variant)}"));
    }

    private static object[] Sentence(VariantReport variant, VariantReport baseline)
    {
        var speed = variant.SpeedUp switch
        {
            { } s when double.IsFinite(s) && s >= 1 => $"trained {ReportNumbers.Ratio(s)} faster than",
            { } s when double.IsFinite(s) && s > 0 => $"trained {ReportNumbers.Ratio(1 / s)} slower than",
            _ => "has no comparable training time against",
        };
        var accuracy = variant.MseRatio switch
        {
            { } r when double.IsFinite(r) && r > 1 => $"; its test MSE is {ReportNumbers.Percent(r - 1)} higher (worse).",
            { } r when double.IsFinite(r) && r < 1 => $"; its test MSE is {ReportNumbers.Percent(1 - r)} lower (better).",
            { } r when r == 1 => "; its test MSE is the same.",
            _ => "; the MSE ratio is undefined.",
        };
        return
        [
            E("strong", variant.TrainDistribution), $" ({variant.Variant}) {speed} ",
            E("strong", baseline.TrainDistribution), $" ({baseline.Variant}){accuracy}",
        ];
    }

    private static XElement Card(string figure, string label, string detail) =>
        E("div", Class("card"), E("div", Class("figure"), figure), E("div", Class("label"), label), E("div", Class("detail"), detail));
}
