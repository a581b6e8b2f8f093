using System.Xml.Linq;
using static Pipeline.Cli.Output.Report.SvgElements;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// The scaling sweep as three panels against the instance count, one line per distribution type: training time (log
/// span) with the ideal 1/n line dashed, billed seconds with the flat line perfect scaling would keep, and test MSE.
/// </summary>
public sealed class ScalingChart(VariantPalette palette)
{
    public const double Width = 1100;
    private const double PanelGap = 40;
    private const double MarginLeft = 64;
    private const double MarginTop = 34;
    private const double MarginBottom = 56;
    private const double PlotHeight = 260;

    private sealed record Panel(string Title, string AxisTitle, Func<ScalingPoint, double> Value, Func<double, string> Format,
        Func<ScalingSeries, ScalingPoint, double>? Ideal);

    private static readonly Panel[] Panels =
    [
        new("Training time (log span)", "seconds", p => p.LogSpanSeconds, v => $"{ReportNumbers.Seconds(v)} s", (_, p) => p.IdealLogSpanSeconds),
        new("Billed seconds (billable x instances)", "seconds", p => p.BilledSeconds, v => $"{ReportNumbers.Count((long)v)} s", (s, _) => s.Points[0].BilledSeconds),
        new("Test MSE", "mean squared error", p => p.Mse, v => ReportNumbers.Metric(v), null),
    ];

    public XElement Render(IReadOnlyList<ScalingSeries> series)
    {
        var panelWidth = (Width - (Panels.Length - 1) * PanelGap) / Panels.Length;
        var plotWidth = panelWidth - MarginLeft - 12;
        var maxInstances = series.SelectMany(s => s.Points).Max(p => p.Instances);
        var content = new List<XElement>();
        for (var i = 0; i < Panels.Length; i++)
        {
            var left = i * (panelWidth + PanelGap) + MarginLeft;
            content.Add(Draw(Panels[i], series, maxInstances, left, plotWidth));
        }

        content.Add(Legend(series, MarginTop + PlotHeight + MarginBottom + 22));
        return Root(Width, MarginTop + PlotHeight + MarginBottom + 40,
            "Training time, billed seconds and test MSE against the number of training instances, one line per distribution type", content);
    }

    private XElement Draw(Panel panel, IReadOnlyList<ScalingSeries> series, int maxInstances, double left, double width)
    {
        var values = series.SelectMany(s => s.Points.SelectMany(p => panel.Ideal is null ? [panel.Value(p)] : new[] { panel.Value(p), panel.Ideal(s, p) }))
            .Where(double.IsFinite).ToList();
        var x = new LinearScale(0, maxInstances, left, left + width);
        var y = new LinearScale(Math.Min(0, values.DefaultIfEmpty(0).Min()), values.DefaultIfEmpty(1).Max(), MarginTop + PlotHeight, MarginTop);
        var content = new List<XElement> { Text(left, MarginTop - 12, panel.Title, "group-label") };
        content.Add(XAxis(x, MarginTop, MarginTop + PlotHeight, left + width / 2, "training instances"));
        foreach (var tick in y.Ticks)
        {
            content.Add(Line(left, y.Map(tick), left + width, y.Map(tick), tick == 0 ? "axis" : "grid"));
            content.Add(Text(left - 8, y.Map(tick) + 4, y.Format(tick), "tick", "end"));
        }

        var yTitle = Text(0, 0, panel.AxisTitle, "axis-title", "middle");
        yTitle.SetAttributeValue("transform", $"translate({N(left - 50)} {N(MarginTop + PlotHeight / 2)}) rotate(-90)");
        content.Add(yTitle);

        foreach (var s in series)
        {
            var colour = ColourOf(s);
            if (panel.Ideal is { } ideal)
                content.Add(Polyline(s.Points.Select(p => (x.Map(p.Instances), y.Map(ideal(s, p)))), colour, "ideal", s.TrainDistribution));
            content.Add(Polyline(s.Points.Select(p => (x.Map(p.Instances), y.Map(panel.Value(p)))), colour, "measured", s.TrainDistribution));
            foreach (var p in s.Points)
                content.Add(Circle(x.Map(p.Instances), y.Map(panel.Value(p)), 3.5, colour,
                    Title($"{p.Variant}: {p.Instances} instances, {panel.Format(panel.Value(p))}")));
        }

        return Group("panel", content);
    }

    private static XElement Polyline(IEnumerable<(double X, double Y)> points, string colour, string cssClass, string type) =>
        new(Ns + "polyline",
            new XAttribute("points", string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))),
            new XAttribute("fill", "none"),
            new XAttribute("stroke", colour),
            new XAttribute("class", cssClass),
            new XAttribute("data-distribution", type));

    private XElement Legend(IReadOnlyList<ScalingSeries> series, double y)
    {
        var items = new List<XElement>();
        var x = MarginLeft;
        foreach (var s in series)
        {
            items.Add(Rect(x, y - 10, 14, 4, ColourOf(s)));
            items.Add(Text(x + 20, y - 4, s.TrainDistribution, "measure"));
            x += 40 + s.TrainDistribution.Length * 8;
        }

        items.Add(Line(x, y - 8, x + 22, y - 8, "ideal-sample"));
        items.Add(Text(x + 28, y - 4, "perfect scaling (ideal 1/n time, flat billed seconds)", "measure"));
        return Group("legend", items);
    }

    /// <summary>A distribution type is drawn in the colour of its smallest cluster's variant.</summary>
    private string ColourOf(ScalingSeries series) => palette.ColourOf(series.Points[0].Variant);
}
