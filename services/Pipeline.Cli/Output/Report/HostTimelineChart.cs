using System.Xml.Linq;
using Pipeline.Contracts;
using static Pipeline.Cli.Output.Report.SvgElements;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// One row per host log stream, grouped by variant: a bar from the stream's first to its last event, in seconds since
/// the earliest event of the whole experiment. Shows sharded hosts finishing sooner than replicated ones.
/// </summary>
public sealed class HostTimelineChart(VariantPalette palette)
{
    public const double Width = 1100;
    private const double PlotLeft = 250;
    private const double PlotRight = Width - 90;
    private const double RowHeight = 20;
    private const double RowGap = 6;
    private const double HeaderHeight = 26;
    private const double GroupGap = 14;
    private const double Top = 8;
    private const double AxisHeight = 58;

    /// <returns>The chart, or null when no variant has a host span to draw.</returns>
    public XElement? Render(IReadOnlyList<VariantReport> variants)
    {
        var spans = variants.SelectMany(v => v.Hosts).ToList();
        if (spans.Count == 0)
            return null;

        var origin = spans.Min(s => s.FirstEvent);
        var end = spans.Max(s => (s.LastEvent - origin).TotalSeconds);
        var scale = new LinearScale(0, end > 0 ? end : 1, PlotLeft, PlotRight);

        var rows = new List<XElement>();
        var y = Top;
        foreach (var variant in variants)
        {
            var colour = palette.ColourOf(variant.Variant);
            rows.Add(Label(0, y + 18, variant.Variant, "group-label", 26));
            rows.Add(Text(PlotLeft, y + 18,
                $"{variant.TrainDistribution}, {variant.Hosts.Count} host stream{(variant.Hosts.Count == 1 ? "" : "s")}, log span {ReportNumbers.Seconds(variant.LogSpanSeconds)} s",
                "group-note"));
            y += HeaderHeight + RowGap;
            if (variant.Hosts.Count == 0)
            {
                rows.Add(Text(PlotLeft, y + 14, "No log streams were recorded for this variant.", "value missing"));
                y += RowHeight + RowGap;
            }

            foreach (var host in variant.Hosts.OrderBy(h => h.LogStreamName, StringComparer.Ordinal))
            {
                var start = (host.FirstEvent - origin).TotalSeconds;
                var stop = (host.LastEvent - origin).TotalSeconds;
                var x = scale.Map(start);
                var width = scale.Map(stop) - x;
                rows.Add(Label(PlotLeft - 10, y + 15, HostName(host.LogStreamName), "measure", 30, "end"));
                rows.Add(Rect(x, y, width, RowHeight, colour,
                    new XAttribute("class", "host-span"),
                    new XAttribute("data-variant", variant.Variant),
                    new XAttribute("data-stream", host.LogStreamName),
                    Title($"{host.LogStreamName}: {ReportNumbers.Seconds(start)} s to {ReportNumbers.Seconds(stop)} s")));
                rows.Add(Text(x + width + 6, y + 15, $"{ReportNumbers.Seconds(stop - start)} s", "value"));
                y += RowHeight + RowGap;
            }

            y += GroupGap;
        }

        var plotBottom = y - GroupGap;
        return Root(Width, plotBottom + AxisHeight, "Per-host training timeline: first to last log event of each host, by variant",
            XAxis(scale, Top, plotBottom, (PlotLeft + PlotRight) / 2, "seconds since the experiment's first training log event"),
            Group("hosts", rows));
    }

    /// <summary>"job-name/algo-2-1700000000" reads as "algo-2-1700000000": the job is already the group.</summary>
    private static string HostName(string logStreamName)
    {
        var slash = logStreamName.LastIndexOf('/');
        return slash < 0 ? logStreamName : logStreamName[(slash + 1)..];
    }
}
