using System.Xml.Linq;
using Pipeline.Contracts;
using static Pipeline.Cli.Output.Report.Xhtml;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// Every figure of every variant: one column per variant (a wide table of 17 columns would not fit the page), one row
/// per measure, grouped into training, accuracy, scoring and comparison.
/// </summary>
public sealed class VariantTable(VariantPalette palette)
{
    private sealed record Measure(string Name, Func<VariantReport, string> Value, string? Unit = null);

    public XElement Render(ExperimentReport report)
    {
        var variants = report.Variants;
        var scoring = new List<Measure> { new("Invocations", v => ReportNumbers.Count(v.Metrics.Invocations), "n") };
        // Latency and throughput only exist when the evaluator timed the calls; a row of n/a everywhere says nothing.
        if (variants.Any(v => v.Metrics.Latency is not null))
        {
            // A percentile the sample cannot support (p99 of 7 calls) reads "n/a (n=7)".
            scoring.AddRange(LatencyPercentile.All.Select(p => new Measure($"Latency {p.Name}", v => p.Show(v.Metrics), "ms")));
        }

        if (variants.Any(v => v.Metrics.RowsPerSecond is not null))
            scoring.Add(new("Rows scored per second", v => ReportNumbers.PerSecond(v.Metrics.RowsPerSecond), "rows/s"));

        var sections = new List<(string Title, IReadOnlyList<Measure> Measures)>
        {
            ("Training", [
                new("Distribution", v => v.TrainDistribution),
                new("Instances", v => ReportNumbers.Count(v.InstanceCount)),
                new("Training job", v => v.TrainingJobName),
                new("Training time (log span)", v => ReportNumbers.Seconds(v.LogSpanSeconds), "s"),
                new("TrainingTimeInSeconds", v => ReportNumbers.Count(v.TrainingTimeInSeconds), "s"),
                new("BillableTimeInSeconds (per instance)", v => ReportNumbers.Count(v.BillableTimeInSeconds), "s"),
                new("Billed seconds (all instances)", v => ReportNumbers.Count(v.BilledSeconds), "s"),
            ]),
            ("Accuracy on the test year", [
                new("MSE", v => ReportNumbers.Metric(v.Metrics.Mse, Decimals(variants, x => x.Mse))),
                new("RMSE", v => ReportNumbers.Metric(v.Metrics.Rmse, Decimals(variants, x => x.Rmse))),
                new("MAE", v => ReportNumbers.Metric(v.Metrics.Mae, Decimals(variants, x => x.Mae))),
                new("R²", v => ReportNumbers.Metric(v.Metrics.R2, Decimals(variants, x => x.R2))),
                new("Rows scored", v => ReportNumbers.Count(v.Metrics.Rows)),
            ]),
            ("Scoring", scoring),
            ($"Against the baseline{(report.Baseline is null ? " (none)" : "")}", [
                new("Speed-up", v => VariantComparison.SpeedUpCell(report, v, ReportNumbers.Ratio)),
                new("MSE ratio", v => ReportNumbers.Ratio(v.MseRatio)),
            ]),
        };

        var header = E("thead", E("tr",
            E("th", new XAttribute("scope", "col"), "Measure"),
            variants.Select(v => E("th", new XAttribute("scope", "col"), new XAttribute("data-variant", v.Variant),
                E("span", Class("swatch"), new XAttribute("style", $"background: {palette.ColourOf(v.Variant)}")),
                v.Variant,
                v.Variant == report.Baseline ? E("span", Class("tag"), "baseline") : null))));

        var bodies = sections.Select(section => E("tbody",
            E("tr", Class("section"), E("th", new XAttribute("colspan", variants.Count + 1), new XAttribute("scope", "colgroup"), section.Title)),
            section.Measures.Select(m => E("tr", new XAttribute("data-measure", m.Name),
                E("th", new XAttribute("scope", "row"), m.Name, m.Unit is null ? null : E("span", Class("unit"), $" ({m.Unit})")),
                variants.Select(v => Cell(m.Value(v)))))));

        return E("table", Class("variants"), header, bodies);
    }

    private static int Decimals(IReadOnlyList<VariantReport> variants, Func<EvaluationMetrics, double> measure) =>
        ReportNumbers.DecimalsFor(variants.Select(v => (double?)measure(v.Metrics)));

    private static XElement Cell(string text) =>
        E("td", text == ReportNumbers.NotAvailable ? Class("missing") : null, text);
}
