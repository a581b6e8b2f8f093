using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>A refusal before any operation runs, readable by both AWS protocols served (JSON 1.1 and the Runtime's REST-JSON).</summary>
internal static class GateAnswer
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        if (context.Response.HasStarted)
            return;
        context.Response.StatusCode = status;
        context.Response.ContentType = AwsJsonEndpoint.ContentType;
        context.Response.Headers[AwsJsonEndpoint.RequestIdHeader] = Guid.NewGuid().ToString();
        context.Response.Headers[AwsJsonEndpoint.ErrorTypeHeader] = code;
        var body = new ErrorBody(code, message).ToUtf8Json();
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
    }
}
