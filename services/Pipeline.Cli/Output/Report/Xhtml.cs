using System.Xml.Linq;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// XHTML elements for a page that is both HTML and XML (polyglot): built as XML, so every text and attribute is
/// escaped by construction; written so an HTML parser reads it the same.
/// </summary>
internal static class Xhtml
{
    public static readonly XNamespace Ns = "http://www.w3.org/1999/xhtml";

    private static readonly HashSet<string> VoidElements =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    public static XAttribute Class(string value) => new("class", value);

    /// <summary>
    /// HTML has no self-closing syntax for ordinary elements: an empty &lt;td/&gt; would swallow what follows.
    /// Gives every empty non-void XHTML element an explicit end tag.
    /// </summary>
    public static void CloseEmptyElements(XElement root)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Name.Namespace == Ns && element.IsEmpty && !VoidElements.Contains(element.Name.LocalName))
                element.Value = string.Empty;
        }
    }
}
