using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws.Runtime;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// SageMaker Runtime's InvokeEndpoint (REST-JSON, <c>POST /endpoints/{EndpointName}/invocations</c>) on the main
/// server: the body goes to the next instance of the endpoint's variant (round robin) and its answer comes back with
/// the variant in X-Amzn-Invoked-Production-Variant. Errors as the Runtime answers them: an endpoint that does not
/// exist or is not InService is 400 ValidationError; a body over 6 MB is 413; a container's 4xx/5xx is 424
/// ModelError naming the container's message.
/// </summary>
public sealed class InvokeEndpointRoute(HostingEngine engine, IOptions<HostingOptions> options,
    IOptions<LocalSageMakerOptions> localOptions, ILogger<InvokeEndpointRoute> logger) : IDisposable
{
    public const string Pattern = "/endpoints/{EndpointName}/invocations";
    public const string ErrorTypeHeader = "X-Amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _containers = new(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
    {
        Timeout = options.Value.Hosting.InvocationTimeout,
    };

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[RequestIdHeader] = Guid.NewGuid().ToString();
        var name = (string)context.Request.RouteValues["EndpointName"]!;
        var endpoint = engine.FindServing(name);
        if (endpoint is null)
        {
            await ErrorAsync(context, 400, "ValidationError", $"Endpoint {name} of account {localOptions.Value.AccountId} not found.").ConfigureAwait(false);
            return;
        }

        var targetVariant = context.Request.Headers[SageMakerRuntimeClient.TargetVariantHeader].ToString();
        var variant = endpoint.Route(targetVariant.Length == 0 ? null : targetVariant);
        var instance = variant?.Next();
        if (variant is null || instance is null)
        {
            await ErrorAsync(context, 400, "ValidationError",
                $"Variant {targetVariant} not found for endpoint {name} of account {localOptions.Value.AccountId}.").ConfigureAwait(false);
            return;
        }

        using var body = await RequestBody.ReadAsync(context.Request, SageMakerRuntimeClient.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            // AWS answers an oversized body with a bare 413 (botocore reports the error code "413").
            await ErrorAsync(context, 413, null, string.Create(CultureInfo.InvariantCulture,
                $"HTTP content length exceeded {SageMakerRuntimeClient.MaxBodyBytes} bytes.")).ConfigureAwait(false);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, instance.Invocations) { Content = new ReadOnlyMemoryContent(body.Written) };
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType))
            request.Content.Headers.ContentType = contentType;
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Length > 0)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        var attributes = context.Request.Headers[SageMakerRuntimeClient.CustomAttributesHeader].ToString();
        if (attributes.Length > 0)
            request.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Custom-Attributes", attributes);

        HttpResponseMessage response;
        try
        {
            response = await _containers.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(e, "Endpoint {Endpoint} instance {Instance} did not answer", name, instance.InstanceId);
            await ModelErrorAsync(context, endpoint, instance, 0, "Your invocation timed out or the connection to the container was lost.").ConfigureAwait(false);
            return;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
                await ModelErrorAsync(context, endpoint, instance, (int)response.StatusCode, text).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            context.Response.ContentLength = response.Content.Headers.ContentLength;
            context.Response.Headers[SageMakerRuntimeClient.InvokedProductionVariantHeader] = variant.Name;
            if (response.Headers.TryGetValues(SageMakerRuntimeClient.CustomAttributesHeader, out var answered))
                context.Response.Headers[SageMakerRuntimeClient.CustomAttributesHeader] = string.Join(",", answered);
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    public void Dispose() => _containers.Dispose();

    private Task ModelErrorAsync(HttpContext context, HostedEndpoint endpoint, EndpointInstance instance, int status, string message)
    {
        var region = localOptions.Value.Region;
        var kind = status is >= 400 and < 500 ? "client" : "server";
        var group = EndpointLauncher.LogGroup(endpoint.Name);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Received {kind} error ({status}) from primary with message \"{message}\". See https://{region}.console.aws.amazon.com/cloudwatch/home?region={region}#logEventViewer:group={group} in account {localOptions.Value.AccountId} for more information.");
        var logStreamArn = $"arn:aws:logs:{region}:{localOptions.Value.AccountId}:log-group:{group}:log-stream:{instance.VariantName}/{instance.InstanceId}";
        return WriteAsync(context, 424, "ModelError", new Dictionary<string, object>
        {
            ["Message"] = text,
            ["OriginalStatusCode"] = status,
            ["OriginalMessage"] = message,
            ["LogStreamArn"] = logStreamArn,
        });
    }

    private static Task ErrorAsync(HttpContext context, int status, string? code, string message) =>
        WriteAsync(context, status, code, new Dictionary<string, object> { ["Message"] = message });

    private static async Task WriteAsync(HttpContext context, int status, string? code, Dictionary<string, object> members)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (code is not null)
            context.Response.Headers[ErrorTypeHeader] = code;
        var body = JsonSerializer.SerializeToUtf8Bytes(members, Json);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
