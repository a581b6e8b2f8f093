using System.Xml.Linq;

namespace Pipeline.Aws.Query;

/// <summary>
/// Reading a Query-protocol answer: elements are matched by local name (the services' XML namespaces differ by
/// version, and imitations sometimes leave them out); lists are <c>member</c> children, maps <c>entry</c> children
/// with <c>key</c> and <c>value</c>.
/// </summary>
public static class QueryXml
{
    public static XElement? Child(this XElement element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Elements().FirstOrDefault(e => e.Name.LocalName == name);
    }

    public static string? Text(this XElement element, string name) => element.Child(name)?.Value;

    /// <summary>A boolean member (true / false, any case); null when absent.</summary>
    public static bool? Flag(this XElement element, string name) =>
        element.Text(name) is { } text ? bool.Parse(text) : null;

    /// <summary>The members of list <paramref name="name"/>, read by <paramref name="read"/>; null when the list is absent.</summary>
    public static List<T>? Members<T>(this XElement element, string name, Func<XElement, T> read) =>
        element.Child(name) is { } list
            ? list.Elements().Where(e => e.Name.LocalName == "member").Select(read).ToList()
            : null;

    /// <summary>Map <paramref name="name"/> of strings; null when it is absent.</summary>
    public static Dictionary<string, string>? Entries(this XElement element, string name) =>
        element.Child(name) is { } map
            ? map.Elements().Where(e => e.Name.LocalName == "entry")
                .ToDictionary(e => e.Text("key") ?? "", e => e.Text("value") ?? "", StringComparer.Ordinal)
            : null;
}
