using System.Net;
using Microsoft.AspNetCore.Http;
using Pipeline.Aws;
using Pipeline.LocalSageMaker.Metrics;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// A refusal before any operation runs, readable by every AWS protocol served: JSON (JSON 1.1 and the Runtime's
/// REST-JSON), or CBOR for a request in CloudWatch's rpc-v2-cbor.
/// </summary>
internal static class GateAnswer
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        if (context.Response.HasStarted)
            return;
        context.Response.Headers[AwsJsonEndpoint.RequestIdHeader] = Guid.NewGuid().ToString();
        if (CloudWatchEndpoint.SpeaksCbor(context.Request))
        {
            await CloudWatchEndpoint.WriteErrorAsync(context, new AwsServiceException(code, message, (HttpStatusCode)status)).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = AwsJsonEndpoint.ContentType;
        context.Response.Headers[AwsJsonEndpoint.ErrorTypeHeader] = code;
        var body = new ErrorBody(code, message).ToUtf8Json();
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }
}
