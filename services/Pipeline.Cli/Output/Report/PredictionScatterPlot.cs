using System.Xml.Linq;
using Pipeline.Contracts;
using static Pipeline.Cli.Output.Report.SvgElements;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// Predicted against actual label, one square panel per variant on the same axes, with the y = x line a perfect
/// model would sit on.
/// </summary>
public sealed class PredictionScatterPlot(VariantPalette palette, string quantity)
{
    public const double Width = 1100;
    private const int Columns = 2;
    private const double PanelGap = 40;
    private const double MarginLeft = 64;
    private const double MarginTop = 34;
    private const double MarginBottom = 56;
    private const double MaxPlotSize = 440;

    /// <returns>The chart, or null when no variant has a sample to draw.</returns>
    public XElement? Render(IReadOnlyList<VariantReport> variants)
    {
        var values = variants.SelectMany(v => Points(v)).SelectMany(p => new[] { p.Actual, p.Predicted }).ToList();
        if (values.Count == 0)
            return null;

        var columns = Math.Min(Columns, variants.Count);
        var panelWidth = (Width - (columns - 1) * PanelGap) / columns;
        var size = Math.Min(MaxPlotSize, panelWidth - MarginLeft - 12);
        var panelHeight = MarginTop + size + MarginBottom;
        var rows = (variants.Count + columns - 1) / columns;

        var mseDecimals = ReportNumbers.DecimalsFor(variants.Select(v => (double?)v.Metrics.Mse));
        var panels = new List<XElement>();
        for (var i = 0; i < variants.Count; i++)
        {
            var left = i % columns * (panelWidth + PanelGap) + MarginLeft;
            var top = i / columns * (panelHeight + PanelGap / 2) + MarginTop;
            panels.Add(Panel(variants[i], mseDecimals, values.Min(), values.Max(), left, top, size));
        }

        return Root(Width, rows * panelHeight + (rows - 1) * PanelGap / 2,
            $"Predicted against actual {quantity} on the test set, one panel per variant", panels);
    }

    private XElement Panel(VariantReport variant, int mseDecimals, double min, double max, double left, double top, double size)
    {
        var x = new LinearScale(min, max, left, left + size);
        var y = new LinearScale(min, max, top + size, top);
        var content = new List<XElement>
        {
            SvgElements.Label(left, top - 12, variant.Variant, "group-label", 40),
            Text(left + size, top - 12, $"MSE {ReportNumbers.Metric(variant.Metrics.Mse, mseDecimals)}", "group-note", "end"),
            Rect(left, top, size, size, "none", new XAttribute("class", "frame")),
        };

        var points = Points(variant);
        if (points.Count == 0)
        {
            content.Add(Text(left + size / 2, top + size / 2, "No predictions were sampled for this variant.", "value missing", "middle"));
            return Group("panel", content);
        }

        foreach (var tick in x.Ticks)
        {
            content.Add(Line(x.Map(tick), top, x.Map(tick), top + size, "grid"));
            content.Add(Text(x.Map(tick), top + size + 18, x.Format(tick), "tick", "middle"));
        }

        foreach (var tick in y.Ticks)
        {
            content.Add(Line(left, y.Map(tick), left + size, y.Map(tick), "grid"));
            content.Add(Text(left - 8, y.Map(tick) + 4, y.Format(tick), "tick", "end"));
        }

        content.Add(Text(left + size / 2, top + size + 44, $"actual {quantity}", "axis-title", "middle"));
        var yTitle = Text(0, 0, $"predicted {quantity}", "axis-title", "middle");
        yTitle.SetAttributeValue("transform", $"translate({N(left - 46)} {N(top + size / 2)}) rotate(-90)");
        content.Add(yTitle);

        var colour = palette.ColourOf(variant.Variant);
        content.Add(Group("points",
            new XAttribute("data-variant", variant.Variant),
            points.Select(p => Circle(x.Map(p.Actual), y.Map(p.Predicted), 2.6, colour, new XAttribute("class", "point")))));

        // The identity line over the shared domain, drawn above the points so it stays visible in a dense cloud.
        var lo = Math.Max(x.Min, y.Min);
        var hi = Math.Min(x.Max, y.Max);
        var labelAt = lo + 0.9 * (hi - lo);
        content.Add(Line(x.Map(lo), y.Map(lo), x.Map(hi), y.Map(hi), "identity"));
        content.Add(Text(x.Map(labelAt) + 8, y.Map(labelAt) + 14, "y = x", "identity-label"));
        return Group("panel", content);
    }

    private static List<PredictionPoint> Points(VariantReport variant) =>
        [.. variant.Metrics.Sample.Where(p => double.IsFinite(p.Actual) && double.IsFinite(p.Predicted))];
}
