using System.Xml.Linq;
using static Pipeline.Cli.Output.Report.SvgElements;

namespace Pipeline.Cli.Output.Report;

/// <summary>One group of bars per variant, drawn in the variant's colour.</summary>
public sealed record BarGroup(string Variant, string Label, string Colour, IReadOnlyList<Bar> Bars);

/// <summary>One measure of a variant; a muted bar is drawn paler (a secondary measure beside the main one).</summary>
public sealed record Bar(string Measure, double? Value, bool Muted = false);

/// <summary>Horizontal bars from zero on a shared axis, each labelled with its value; undefined values say "n/a".</summary>
public sealed class HorizontalBarChart(string axisTitle, Func<double?, string> valueText)
{
    public const double Width = 1100;
    private const double PlotLeft = 330;
    private const double PlotRight = Width - 110;
    private const double BarHeight = 26;
    private const double BarGap = 6;
    private const double GroupGap = 20;
    private const double Top = 12;
    private const double AxisHeight = 58;

    public XElement Render(IReadOnlyList<BarGroup> groups, string description)
    {
        var max = groups.SelectMany(g => g.Bars).Select(b => b.Value).Where(ReportNumbers.IsDefined).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        var scale = new LinearScale(0, max > 0 ? max : 1, PlotLeft, PlotRight);

        var rows = new List<XElement>();
        var y = Top;
        foreach (var group in groups)
        {
            var groupHeight = group.Bars.Count * BarHeight + (group.Bars.Count - 1) * BarGap;
            rows.Add(Label(0, y + groupHeight / 2 + 5, group.Label, "group-label", 22));
            foreach (var bar in group.Bars)
            {
                rows.Add(Text(PlotLeft - 10, y + BarHeight / 2 + 5, bar.Measure, "measure", "end"));
                var text = valueText(bar.Value);
                if (ReportNumbers.IsDefined(bar.Value))
                {
                    var width = scale.Map(bar.Value!.Value) - PlotLeft;
                    var rect = Rect(PlotLeft, y, width, BarHeight, group.Colour,
                        new XAttribute("class", bar.Muted ? "bar muted" : "bar"),
                        new XAttribute("data-variant", group.Variant),
                        new XAttribute("data-measure", bar.Measure),
                        Title($"{group.Label}: {bar.Measure} {text}"));
                    rows.Add(rect);
                    rows.Add(Text(PlotLeft + width + 6, y + BarHeight / 2 + 5, text, "value"));
                }
                else
                {
                    rows.Add(Text(PlotLeft + 6, y + BarHeight / 2 + 5, text, "value missing"));
                }

                y += BarHeight + BarGap;
            }

            y += GroupGap - BarGap;
        }

        var plotBottom = y - GroupGap + 8;
        return Root(Width, plotBottom + AxisHeight, description,
            XAxis(scale, Top - 6, plotBottom, (PlotLeft + PlotRight) / 2, axisTitle), Group("bars", rows));
    }
}
