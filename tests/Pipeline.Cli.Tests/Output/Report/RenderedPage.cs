using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Pipeline.Cli.Output.Report;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output.Report;

/// <summary>report.html rendered and parsed back as XML, with the lookups the tests need.</summary>
internal sealed class RenderedPage
{
    public static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private RenderedPage(string text, XDocument document)
    {
        Text = text;
        Document = document;
    }

    public string Text { get; }
    public XDocument Document { get; }

    public static RenderedPage Of(ExperimentReport report, DataSourceSpec? source = null)
    {
        var text = ReportPage.Render(report, source);
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse });
        return new RenderedPage(text, XDocument.Load(reader));
    }

    public IEnumerable<XElement> Svgs => Document.Descendants(Svg + "svg");

    /// <summary>The section whose heading is <paramref name="heading"/>.</summary>
    public XElement Section(string heading) =>
        Document.Descendants(Html + "section").Single(s => (string?)s.Element(Html + "h2") == heading);

    public XElement Headline => Document.Descendants(Html + "section").Single(s => (string?)s.Attribute("class") == "headline");

    /// <summary>The variant table's cell for a measure (row) and variant (column).</summary>
    public string Cell(string measure, string variant)
    {
        var table = Document.Descendants(Html + "table").Single();
        var columns = table.Element(Html + "thead")!.Descendants(Html + "th").Select(th => (string?)th.Attribute("data-variant")).ToList();
        var row = table.Descendants(Html + "tr").Single(tr => (string?)tr.Attribute("data-measure") == measure);
        return row.Elements().ElementAt(columns.IndexOf(variant)).Value;
    }

    public bool HasRow(string measure) =>
        Document.Descendants(Html + "tr").Any(tr => (string?)tr.Attribute("data-measure") == measure);

    public IEnumerable<XElement> Rects(string cssClass) =>
        Document.Descendants(Svg + "rect").Where(r => ((string?)r.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    /// <summary>The text of an element with the layout whitespace between its block elements collapsed to one space.</summary>
    public static string Words(XElement element) =>
        System.Text.RegularExpressions.Regex.Replace(
            string.Join(" ", element.DescendantNodes().OfType<XText>().Select(t => t.Value)), @"\s+", " ").Trim();

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
