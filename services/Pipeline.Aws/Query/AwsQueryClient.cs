using System.Text;
using System.Xml;
using System.Xml.Linq;
using Pipeline.Aws.Http;

namespace Pipeline.Aws.Query;

/// <summary>
/// The Query protocol (SNS): every operation is a form-encoded POST to "/" carrying Action and Version, answered by
/// <c>&lt;{Action}Response&gt;&lt;{Action}Result&gt;...</c> in XML; errors come as an XML ErrorResponse, which
/// <see cref="AwsErrors"/> reads.
/// </summary>
public sealed class AwsQueryClient(AwsRequestSender sender, string version)
{
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>The answer's <c>{Action}Result</c> element; an empty one when the answer has none (operations without output).</summary>
    public async Task<XElement> InvokeAsync(string action, QueryForm parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var form = new QueryForm().Add("Action", action).Add("Version", version);
        foreach (var (name, value) in parameters.Fields)
            form.Add(name, value);
        var resource = parameters.Fields.FirstOrDefault(f => f.Key.EndsWith("Arn", StringComparison.Ordinal) || f.Key == "Name").Value;
        var response = await sender.SendAsync(new AwsHttpRequest(action, "/", form.ToFormBody(), ContentType) { Resource = resource }, cancellationToken)
            .ConfigureAwait(false);
        var resultName = action + "Result";
        if (response.Body.Length == 0)
            return new XElement(resultName);
        return Parse(action, response.Body).Root?.Child(resultName) ?? new XElement(resultName);
    }

    private static XDocument Parse(string action, byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            return XDocument.Load(stream);
        }
        catch (XmlException e)
        {
            var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
            throw new InvalidDataException($"{action} answered with a body that is not XML ({e.Message}): {start}", e);
        }
    }
}
