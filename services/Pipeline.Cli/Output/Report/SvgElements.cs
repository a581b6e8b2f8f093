using System.Globalization;
using System.Xml.Linq;

namespace Pipeline.Cli.Output.Report;

/// <summary>The few SVG elements the charts draw, with coordinates written the same way everywhere.</summary>
internal static class SvgElements
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Root(double width, double height, string description, params object?[] content) =>
        new(Ns + "svg",
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("role", "img"),
            new XAttribute("aria-label", description),
            content);

    public static XElement Group(string? cssClass, params object?[] content) =>
        new(Ns + "g", cssClass is null ? null : new XAttribute("class", cssClass), content);

    public static XElement Rect(double x, double y, double width, double height, string fill, params object?[] content) =>
        new(Ns + "rect",
            new XAttribute("x", N(x)), new XAttribute("y", N(y)),
            new XAttribute("width", N(width)), new XAttribute("height", N(height)),
            new XAttribute("fill", fill),
            content);

    public static XElement Line(double x1, double y1, double x2, double y2, string cssClass) =>
        new(Ns + "line",
            new XAttribute("x1", N(x1)), new XAttribute("y1", N(y1)),
            new XAttribute("x2", N(x2)), new XAttribute("y2", N(y2)),
            new XAttribute("class", cssClass));

    public static XElement Circle(double cx, double cy, double r, string fill, params object?[] content) =>
        new(Ns + "circle",
            new XAttribute("cx", N(cx)), new XAttribute("cy", N(cy)), new XAttribute("r", N(r)),
            new XAttribute("fill", fill),
            content);

    public static XElement Text(double x, double y, string text, string? cssClass = null, string anchor = "start") =>
        new(Ns + "text",
            new XAttribute("x", N(x)), new XAttribute("y", N(y)),
            anchor == "start" ? null : new XAttribute("text-anchor", anchor),
            cssClass is null ? null : new XAttribute("class", cssClass),
            text);

    /// <summary>
    /// A name that must not run into the plot beside it: cut to <paramref name="maxLength"/> characters with an
    /// ellipsis, the whole name in the tooltip.
    /// </summary>
    public static XElement Label(double x, double y, string name, string cssClass, int maxLength, string anchor = "start")
    {
        if (name.Length <= maxLength)
            return Text(x, y, name, cssClass, anchor);
        var label = Text(x, y, name[..(maxLength - 1)] + "…", cssClass, anchor);
        label.AddFirst(Title(name));
        return label;
    }

    /// <summary>
    /// A horizontal chart's value axis: a line per tick from <paramref name="top"/> down to <paramref name="bottom"/>
    /// (the zero line darker), the tick labels below it and the title centred under them.
    /// </summary>
    public static XElement XAxis(LinearScale scale, double top, double bottom, double titleX, string title)
    {
        var axis = new List<XElement>();
        foreach (var tick in scale.Ticks)
        {
            var x = scale.Map(tick);
            axis.Add(Line(x, top, x, bottom, tick == 0 ? "axis" : "grid"));
            axis.Add(Text(x, bottom + 18, scale.Format(tick), "tick", "middle"));
        }

        axis.Add(Text(titleX, bottom + 44, title, "axis-title", "middle"));
        return Group("axes", axis);
    }

    /// <summary>The tooltip a browser shows on hover (no script needed).</summary>
    public static XElement Title(string text) => new(Ns + "title", text);

    /// <summary>A coordinate: invariant culture, two decimals at most (sub-pixel precision is noise in the file).</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
