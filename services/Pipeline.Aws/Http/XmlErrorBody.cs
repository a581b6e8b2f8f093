using System.Xml;
using System.Xml.Linq;
using Pipeline.Aws.Query;

namespace Pipeline.Aws.Http;

/// <summary>
/// The error answer of the XML protocols: Query's <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c>
/// (SNS), and the <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;</c> and bare <c>&lt;Error&gt;</c> forms of other services.
/// </summary>
internal static class XmlErrorBody
{
    /// <summary>The first Error element's Code and Message; (null, null) when the body is not XML or holds none (an HTML page).</summary>
    public static (string? Code, string? Message) Read(ReadOnlySpan<byte> body)
    {
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            var root = XDocument.Load(stream).Root;
            var error = root is null ? null : new[] { root }.Concat(root.Descendants()).FirstOrDefault(e => e.Name.LocalName == "Error");
            return error is null ? (null, null) : (error.Text("Code"), error.Text("Message"));
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    /// <summary>Whether the body's first non-blank byte opens markup.</summary>
    public static bool LooksLikeXml(ReadOnlySpan<byte> body)
    {
        var start = body.TrimStart(" \t\r\n"u8);
        return !start.IsEmpty && start[0] == (byte)'<';
    }
}
