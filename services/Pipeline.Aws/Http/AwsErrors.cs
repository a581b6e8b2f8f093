using System.Net;
using System.Text;
using System.Text.Json;

namespace Pipeline.Aws.Http;

/// <summary>Turns an AWS error answer into the typed <see cref="AwsServiceException"/>s.</summary>
public static class AwsErrors
{
    private const int MaxMessageChars = 500;

    /// <summary>
    /// Reads the error code from the body's <c>__type</c> (or <c>code</c>), or an XML body's Error/Code (the Query
    /// protocol), else from the X-Amzn-ErrorType header, else from the status; the message from <c>message</c> or
    /// <c>Message</c> (Error/Message in XML), else the body's text.
    /// </summary>
    public static AwsServiceException Read(HttpStatusCode status, ReadOnlySpan<byte> body, string? errorTypeHeader)
    {
        var (code, message) = XmlErrorBody.LooksLikeXml(body) ? XmlErrorBody.Read(body) : ReadBody(body);
        code ??= string.IsNullOrWhiteSpace(errorTypeHeader) ? null : errorTypeHeader;
        code = code is null ? CodeOfStatus(status) : ErrorCode(code);
        message ??= body.IsEmpty ? $"HTTP {(int)status} without a body" : Truncate(Encoding.UTF8.GetString(body));
        return Typed(code, message, status);
    }

    /// <summary>
    /// The bare code of a <c>__type</c> or X-Amzn-ErrorType value: without a namespace before '#'
    /// ("com.amazonaws.sagemaker#ResourceInUse") and without a URL after ':' ("ValidationException:http://...").
    /// </summary>
    public static string ErrorCode(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var code = raw.AsSpan().Trim();
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
            code = code[(hash + 1)..];
        var colon = code.IndexOf(':');
        if (colon >= 0)
            code = code[..colon];
        return code.ToString();
    }

    public static AwsServiceException Typed(string code, string message, HttpStatusCode status) => code switch
    {
        "ResourceInUse" or "ResourceInUseException" => new ResourceInUseException(message),
        "ResourceNotFound" or "ResourceNotFoundException" => new ResourceNotFoundException(message),
        // SNS says NotFound (a missing topic or subscription); the service's code and status are kept.
        "NotFound" => new ResourceNotFoundException(message, code, status),
        // SageMaker Runtime says ValidationError where the control plane says ValidationException.
        "ValidationException" or "ValidationError" => new ValidationException(message),
        // SNS's and SQS's words for a parameter the service refuses.
        "InvalidParameter" or "InvalidParameterValue" => new ValidationException(message, code),
        _ when IsThrottling(code, status) => new ThrottlingException(message),
        _ => new AwsServiceException(code, message, status),
    };

    public static bool IsThrottling(string code, HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests
        || code is "Throttling" or "ThrottlingException" or "Throttled" or "ThrottledException" or "TooManyRequestsException"
            or "RequestLimitExceeded" or "RequestThrottled" or "RequestThrottledException" or "SlowDown"
            or "ProvisionedThroughputExceededException";

    /// <summary>
    /// Whether <paramref name="error"/> (or an exception inside it) is the service asking the caller to slow down, from
    /// our clients or the AWS SDK's. The HTTP layer has already backed off on it; a consumer's retry policy ignores it
    /// rather than replaying a whole message (README, "Retries of throttling").
    /// </summary>
    public static bool IsThrottling(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is ThrottlingException
                || (e is Amazon.Runtime.AmazonServiceException sdk && IsThrottling(sdk.ErrorCode ?? "", sdk.StatusCode)))
                return true;
        }

        return false;
    }

    private static (string? Code, string? Message) ReadBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
            return (null, null);
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, null);
            return (StringMember(document.RootElement, "__type") ?? StringMember(document.RootElement, "code"),
                StringMember(document.RootElement, "message") ?? StringMember(document.RootElement, "Message"));
        }
        catch (JsonException)
        {
            return (null, null); // an HTML page from a proxy or a crashed imitation: the text becomes the message
        }
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string CodeOfStatus(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests ? "ThrottlingException" : $"Http{(int)status}";

    private static string Truncate(string text) =>
        text.Length <= MaxMessageChars ? text : string.Concat(text.AsSpan(0, MaxMessageChars), "...");
}
