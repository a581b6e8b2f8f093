using System.Text;
using System.Xml;
using System.Xml.Linq;
using Pipeline.Contracts;
using static Pipeline.Cli.Output.Report.Xhtml;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// report.html: the report as one self-contained page (inline CSS and SVG; no script, no external file), written as
/// polyglot XHTML so that it parses as XML too.
/// </summary>
public static class ReportPage
{
    public const string Name = "report.html";

    /// <summary>The label the experiment predicts, for the chart axes.</summary>
    private const string Label = "AvgTone";

    /// <returns>The path written.</returns>
    public static async Task<string> WriteAsync(string folder, ExperimentReport report, DataSourceSpec? source)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Name);
        await File.WriteAllTextAsync(path, Render(report, source), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <param name="report">The experiment's report.</param>
    /// <param name="source">The spec's data source, for the years; null when unknown.</param>
    public static string Render(ExperimentReport report, DataSourceSpec? source)
    {
        var palette = new VariantPalette(report.Variants.Select(v => v.Variant));
        var html = E("html", new XAttribute("lang", "en"),
            E("head",
                E("meta", new XAttribute("charset", "utf-8")),
                E("meta", new XAttribute("name", "viewport"), new XAttribute("content", "width=device-width, initial-scale=1")),
                E("title", $"{report.Name} · data-distribution experiment"),
                E("style", Stylesheet)),
            E("body", E("main",
                E("header",
                    E("p", Class("kicker"), "SageMaker data-distribution experiment"),
                    E("h1", report.Name)),
                new ReportHeadline(palette).Render(report),
                Section("Dataset", null, DatasetSummary.Render(report.Dataset, source)),
                Section("Variants side by side",
                    "Speed-up = the baseline's log span / the variant's log span. MSE ratio = the variant's test MSE / the baseline's. "
                    + "Log span = latest minus earliest event over all the training job's log streams (the notebook's measure).",
                    new VariantTable(palette).Render(report)),
                ScalingSection(report, palette),
                Section("Training time", "Log span of each training job, and SageMaker's TrainingTimeInSeconds (paler) for comparison.",
                    TrainingTimeChart(report, palette)),
                Section("Per-host timeline",
                    "Each bar runs from a host's first to its last log event. With ShardedByS3Key each host reads only its share of the data, so its hosts finish sooner.",
                    new HostTimelineChart(palette).Render(report.Variants) ?? Note("No host log streams were recorded, so there is no timeline to draw.")),
                Section("Test error", "Mean squared error on the held-out test year; lower is better.", MseChart(report, palette)),
                Section("Predicted against actual",
                    $"An evenly spaced sample of test rows. Points on the dashed line y = x are predicted exactly.",
                    new PredictionScatterPlot(palette, Label).Render(report.Variants) ?? Note("No sample of predictions was saved, so there is no scatter plot to draw.")),
                E("footer", "Written by pipeline run. The same figures are in report.json beside this file."))));

        CloseEmptyElements(html);
        return Serialize(html);
    }

    /// <summary>Only for a scaling sweep: a distribution type trained at two instance counts or more.</summary>
    private static XElement? ScalingSection(ExperimentReport report, VariantPalette palette)
    {
        var series = ScalingView.From(report);
        if (series.Count == 0)
            return null;
        return Section("Scaling with instances",
            "Each distribution type at every instance count of the sweep. Dashed: perfect scaling, the smallest cluster's log span "
            + $"divided by the size ratio (ideal 1/n) and its billed seconds kept flat. {ScalingView.TimingNote}",
            new ScalingChart(palette).Render(series));
    }

    private static XElement TrainingTimeChart(ExperimentReport report, VariantPalette palette) =>
        new HorizontalBarChart("seconds", v => $"{(v % 1 == 0 ? ReportNumbers.Count((long?)v) : ReportNumbers.Seconds(v))} s").Render(
            [.. report.Variants.Select(v => new BarGroup(v.Variant, v.Variant, palette.ColourOf(v.Variant),
                [new Bar("log span", v.LogSpanSeconds), new Bar("TrainingTimeInSeconds", v.TrainingTimeInSeconds, Muted: true)]))],
            "Training time per variant: log span and TrainingTimeInSeconds, in seconds");

    private static XElement MseChart(ExperimentReport report, VariantPalette palette)
    {
        var decimals = ReportNumbers.DecimalsFor(report.Variants.Select(v => (double?)v.Metrics.Mse));
        return new HorizontalBarChart($"mean squared error of {Label} (squared {Label} units)", v => ReportNumbers.Metric(v, decimals)).Render(
            [.. report.Variants.Select(v => new BarGroup(v.Variant, v.Variant, palette.ColourOf(v.Variant), [new Bar("test MSE", v.Metrics.Mse)]))],
            "Test MSE per variant");
    }

    private static XElement Section(string title, string? caption, XElement content) =>
        E("section", E("h2", title), caption is null ? null : E("p", Class("caption"), caption), E("div", Class("figure-box"), content));

    private static XElement Note(string text) => E("p", Class("note"), text);

    private static string Serialize(XElement html)
    {
        var builder = new StringBuilder("<!DOCTYPE html>\n");
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = " ", NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(builder, settings))
            html.WriteTo(writer);
        return builder.Append('\n').ToString();
    }

    // No '<', '>' or '&' in here: the stylesheet is XML text (escaped) and HTML raw text (not unescaped) at once.
    private const string Stylesheet = """
        :root { --ink: #1d2430; --muted: #5b6472; --line: #d9dde3; --soft: #f4f6f8; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: var(--ink);
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 32px 24px 48px; }
        .kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; }
        h1 { margin: 4px 0 20px; font-size: 30px; overflow-wrap: anywhere; }
        h2 { margin: 36px 0 6px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
        .caption { margin: 0 0 14px; color: var(--muted); max-width: 900px; }
        .lead { font-size: 18px; margin: 0 0 14px; }
        .comparison { border-left: 6px solid var(--variant); padding: 4px 0 4px 18px; margin-bottom: 20px; }
        .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
        .card { background: var(--soft); border-radius: 8px; padding: 14px 18px; }
        .card .figure { font-size: 34px; font-weight: 700; font-variant-numeric: tabular-nums; color: var(--variant); }
        .card .label { font-weight: 600; }
        .card .detail { color: var(--muted); font-size: 13px; }
        .facts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px 24px; margin: 0; }
        .facts div { background: var(--soft); border-radius: 6px; padding: 8px 12px; }
        .facts dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .facts dd { margin: 2px 0 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
        .reasons { margin: 4px 0 0; padding-left: 18px; font-size: 13px; color: var(--muted); }
        table.variants { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        .variants th, .variants td { padding: 5px 12px; border-bottom: 1px solid var(--line); text-align: right; }
        .variants th[scope=row], .variants thead th:first-child { text-align: left; font-weight: 500; }
        .variants thead th { font-size: 16px; border-bottom: 2px solid var(--ink); }
        .variants tr.section th { text-align: left; background: var(--soft); font-size: 12px; text-transform: uppercase;
                                  letter-spacing: .06em; color: var(--muted); padding-top: 10px; }
        .variants td { overflow-wrap: anywhere; }
        .unit { color: var(--muted); font-weight: 400; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 8px; vertical-align: -1px; }
        .tag { margin-left: 8px; font-size: 11px; font-weight: 600; text-transform: uppercase; border: 1px solid var(--line);
               border-radius: 10px; padding: 1px 7px; color: var(--muted); vertical-align: 2px; }
        .missing { color: var(--muted); }
        .note { background: var(--soft); border-left: 4px solid var(--line); padding: 10px 14px; color: var(--muted); }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 13px; fill: var(--ink); }
        svg .group-label { font-size: 14px; font-weight: 700; }
        svg .group-note, svg .measure, svg .tick, svg .missing { fill: var(--muted); }
        svg .tick { font-size: 12px; font-variant-numeric: tabular-nums; }
        svg .value { font-variant-numeric: tabular-nums; }
        svg .axis-title { font-size: 13px; fill: var(--muted); }
        svg .grid { stroke: #e6e9ed; stroke-width: 1; }
        svg .axis { stroke: #8a929c; stroke-width: 1; }
        svg .frame { stroke: #8a929c; stroke-width: 1; }
        svg .bar.muted { fill-opacity: .4; }
        svg .point { fill-opacity: .35; }
        svg .identity { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg .measured { stroke-width: 2.5; }
        svg .ideal { stroke-width: 1.5; stroke-dasharray: 6 4; opacity: 0.7; }
        svg .ideal-sample { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg .identity-label { fill: var(--ink); font-style: italic; }
        footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
        """;
}
