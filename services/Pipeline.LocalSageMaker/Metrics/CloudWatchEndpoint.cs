using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Aws;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Server;

namespace Pipeline.LocalSageMaker.Metrics;

/// <summary>
/// CloudWatch in the smithy-rpc-v2-cbor protocol, the first its model lists (AWS SDKs that prefer it use it; botocore
/// 1.43 picks JSON 1.0, served by <see cref="Server.LocalSageMakerOperations.CloudWatch"/>):
/// <c>POST /service/GraniteServiceVersion20100801/operation/&lt;Operation&gt;</c> with <c>smithy-protocol: rpc-v2-cbor</c>
/// and a CBOR body; the answer is CBOR with the same header, or an error (<see cref="CloudWatchErrors"/>). A request
/// with an X-Amz-Target header, or without the protocol header, is malformed (400 SerializationException); an
/// operation not served is 404 UnknownOperationException. Host and signature are checked before (RequestGate).
/// </summary>
public sealed class CloudWatchEndpoint(ILogger<CloudWatchEndpoint> logger)
{
    public const string Route = "/service/{service}/operation/{operation}";
    public const string ServiceName = "GraniteServiceVersion20100801";
    public const string ProtocolHeader = "smithy-protocol";
    public const string Protocol = "rpc-v2-cbor";
    public const string ContentType = "application/cbor";
    public const string QueryErrorHeader = "x-amzn-query-error";

    private static readonly Dictionary<string, Func<IMetricsApi, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>>> Calls = new(StringComparer.Ordinal)
    {
        ["GetMetricStatistics"] = async (api, body, ct) =>
            CloudWatchCbor.Write(await api.GetMetricStatisticsAsync(CloudWatchCbor.ReadGetMetricStatistics(body), ct).ConfigureAwait(false)),
        ["ListMetrics"] = async (api, body, ct) =>
            CloudWatchCbor.Write(await api.ListMetricsAsync(CloudWatchCbor.ReadListMetrics(body), ct).ConfigureAwait(false)),
    };

    /// <summary>The operations served, for the start-up banner.</summary>
    public static IReadOnlyCollection<string> Operations => Calls.Keys;

    /// <summary>Whether a request says it speaks this protocol (so that a refusal before any operation answers in CBOR too).</summary>
    public static bool SpeaksCbor(HttpRequest request) =>
        string.Equals(request?.Headers[ProtocolHeader].ToString(), Protocol, StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers[AwsJsonEndpoint.RequestIdHeader] = requestId;
        var operation = context.Request.RouteValues["operation"] as string ?? "";
        try
        {
            var call = Resolve(context.Request, context.Request.RouteValues["service"] as string ?? "", operation);
            var api = context.RequestServices.GetService<IMetricsApi>()
                ?? throw new InvalidOperationException("No IMetricsApi is registered in this host: the training engine is missing.");
            using var body = await RequestBody.ReadAsync(context.Request, AwsJsonEndpoint.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false)
                ?? throw new RequestTooLargeException(
                    $"The request body is over {AwsJsonEndpoint.MaxRequestBytes:N0} bytes, the most LocalSageMaker reads for an operation's request.");
            var answer = await call(api, body.Written, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context.Response, HttpStatusCode.OK, answer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            logger.LogDebug("CloudWatch {Operation} {RequestId}: {StatusCode} {ErrorCode} {Message}", operation, requestId, (int)e.StatusCode, e.ErrorCode, e.ServiceMessage);
            await WriteErrorAsync(context, e).ConfigureAwait(false);
        }
        catch (RequestTooLargeException e)
        {
            await WriteErrorAsync(context, new AwsServiceException(ProtocolErrors.RequestEntityTooLarge, e.Message, HttpStatusCode.RequestEntityTooLarge))
                .ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            var code = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProtocolErrors.RequestEntityTooLarge : "SerializationException";
            await WriteErrorAsync(context, new AwsServiceException(code, e.Message, (HttpStatusCode)e.StatusCode)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller hung up; there is no one to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "CloudWatch {Operation} {RequestId} failed", operation, requestId);
            await WriteErrorAsync(context, new AwsServiceException(ProtocolErrors.InternalFailure,
                $"The request processing has failed because of an internal error (request {requestId}).", HttpStatusCode.InternalServerError))
                .ConfigureAwait(false);
        }
    }

    /// <summary>A refusal in this protocol: CBOR error body, protocol header, the query error code for a modeled error.</summary>
    public static async Task WriteErrorAsync(HttpContext context, AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        if (context.Response.HasStarted)
            return;
        var (type, queryError) = CloudWatchErrors.Describe(error);
        if (queryError is not null)
            context.Response.Headers[QueryErrorHeader] = queryError;
        await WriteAsync(context.Response, error.StatusCode, CloudWatchCbor.Error(type, error.ServiceMessage), CancellationToken.None).ConfigureAwait(false);
    }

    private static Func<IMetricsApi, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> Resolve(HttpRequest request, string service, string operation)
    {
        if (!SpeaksCbor(request))
            throw ProtocolErrors.Serialization($"An rpc-v2-cbor request must carry the header {ProtocolHeader}: {Protocol}.");
        if (request.Headers.ContainsKey(AwsJsonEndpoint.TargetHeader) || request.Headers.ContainsKey("X-Amzn-Target"))
            throw ProtocolErrors.Serialization($"An rpc-v2-cbor request must not carry {AwsJsonEndpoint.TargetHeader}: the path names the operation.");
        // The protocol lets a client name the service by its absolute shape id, '#' written as '.'.
        if (service != ServiceName && service != $"{CloudWatchErrors.ShapeNamespace}.{ServiceName}")
            throw new AwsServiceException("UnknownOperationException",
                $"Service '{service}' is not served here (served: {ServiceName}, CloudWatch).", HttpStatusCode.NotFound);
        return Calls.GetValueOrDefault(operation)
            ?? throw new AwsServiceException("UnknownOperationException",
                $"CloudWatch has no operation '{operation}' here (served: {string.Join(", ", Operations)}).", HttpStatusCode.NotFound);
    }

    private static async Task WriteAsync(HttpResponse response, HttpStatusCode status, byte[] body, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)status;
        response.Headers[ProtocolHeader] = Protocol;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
