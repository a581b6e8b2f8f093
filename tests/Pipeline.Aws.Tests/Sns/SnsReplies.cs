namespace Pipeline.Aws.Tests.Sns;

/// <summary>SNS's answers as AWS writes them (namespaced XML), for the recording server.</summary>
public static class SnsReplies
{
    private const string Namespace = "http://sns.amazonaws.com/doc/2010-03-31/";

    public static Reply Ok(string action, string result = "") => new(200,
        $"""<{action}Response xmlns="{Namespace}"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></{action}Response>""",
        "text/xml");

    public static Reply Error(int status, string code, string message, string type = "Sender") => new(status,
        $"""<ErrorResponse xmlns="{Namespace}"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>""",
        "text/xml");

    /// <summary>The form fields of a recorded request, decoded, in order.</summary>
    public static List<KeyValuePair<string, string>> Form(RecordedRequest request) =>
        request.BodyText.Split('&').Select(pair => pair.Split('=', 2))
            .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1]))).ToList();
}
