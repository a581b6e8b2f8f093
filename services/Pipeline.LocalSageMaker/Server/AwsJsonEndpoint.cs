using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Aws;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// <c>POST /</c> of the AWS JSON 1.1 protocol: X-Amz-Target names the service and operation, the body is the
/// operation's input, the answer its output or an error body with <c>__type</c> and <c>message</c>. Every answer carries
/// x-amzn-RequestId. Host and signature are checked before (RequestGate).
/// </summary>
public sealed class AwsJsonEndpoint(IEnumerable<IOperationTable> tables, ILogger<AwsJsonEndpoint> logger)
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetHeader = "X-Amz-Target";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>The largest request body read; the operations' requests are a few kilobytes (SageMaker's limits keep them under 1 MB).</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    // A service may be served by several tables (one per API behind it), so operations are looked up per prefix.
    private readonly Dictionary<string, Dictionary<string, IOperationTable>> _services = ByTarget(tables);

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers[RequestIdHeader] = requestId;
        var target = context.Request.Headers[TargetHeader].ToString();
        IOperationTable? table = null;
        try
        {
            (table, var invoke) = Resolve(target);
            var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            var response = await invoke(context.RequestServices, body, context.RequestAborted);
            await WriteAsync(context.Response, HttpStatusCode.OK, response, context.RequestAborted);
        }
        catch (AwsServiceException e)
        {
            var code = table?.ErrorCode(e) ?? e.ErrorCode;
            logger.LogDebug("{Target} {RequestId}: {StatusCode} {ErrorCode} {Message}", target, requestId, (int)e.StatusCode, code, e.ServiceMessage);
            await WriteErrorAsync(context, e.StatusCode, code, e.ServiceMessage);
        }
        catch (RequestTooLargeException e)
        {
            logger.LogDebug("{Target} {RequestId}: 413 {Message}", target, requestId, e.Message);
            await WriteErrorAsync(context, HttpStatusCode.RequestEntityTooLarge, ProtocolErrors.RequestEntityTooLarge, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals while reading (a body over its limit, a broken chunked encoding): their status, not a 500.
            var code = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProtocolErrors.RequestEntityTooLarge : "SerializationException";
            await WriteErrorAsync(context, (HttpStatusCode)e.StatusCode, code, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller hung up; there is no one to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Target} {RequestId} failed", target, requestId);
            await WriteErrorAsync(context, HttpStatusCode.InternalServerError, ProtocolErrors.InternalFailure,
                $"The request processing has failed because of an internal error (request {requestId}).");
        }
    }

    private (IOperationTable Table, OperationInvoker Invoke) Resolve(string target)
    {
        if (target.Length == 0)
            throw ProtocolErrors.UnknownOperation($"Missing {TargetHeader} header: expected <service>.<operation>, such as SageMaker.DescribeTrainingJob.");
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !_services.TryGetValue(target[..dot], out var operations))
            throw ProtocolErrors.UnknownOperation(
                $"{TargetHeader} '{target}' names no service served here (served: {string.Join(", ", _services.Keys)}).");
        var operation = target[(dot + 1)..];
        if (!operations.TryGetValue(operation, out var table))
            throw ProtocolErrors.UnknownOperation($"{target[..dot]} has no operation '{operation}' here.");
        return (table, table.Find(operation)!);
    }

    private static Dictionary<string, Dictionary<string, IOperationTable>> ByTarget(IEnumerable<IOperationTable> tables)
    {
        var services = new Dictionary<string, Dictionary<string, IOperationTable>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var operations = services.TryGetValue(table.TargetPrefix, out var known)
                ? known
                : services[table.TargetPrefix] = new Dictionary<string, IOperationTable>(StringComparer.Ordinal);
            foreach (var operation in table.Operations)
            {
                if (!operations.TryAdd(operation, table))
                    throw new InvalidOperationException($"{table.TargetPrefix}.{operation} is served by two operation tables.");
            }
        }

        return services;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Requests of these operations are a few kilobytes: read whole, then parse without a stream.
        using var body = await Hosting.RequestBody.ReadAsync(request, MaxRequestBytes, cancellationToken)
            ?? throw new RequestTooLargeException(
                $"The request body is over {MaxRequestBytes:N0} bytes, the most LocalSageMaker reads for an operation's request.");
        return body.Written.ToArray();
    }

    private static async Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string code, string message)
    {
        if (context.Response.HasStarted)
            return;
        context.Response.Headers[ErrorTypeHeader] = code;
        var body = new ErrorBody(code, message).ToUtf8Json();
        await WriteAsync(context.Response, status, body, CancellationToken.None);
    }

    private static async Task WriteAsync(HttpResponse response, HttpStatusCode status, byte[] body, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)status;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}

/// <summary>A request body over <see cref="AwsJsonEndpoint.MaxRequestBytes"/>: 413.</summary>
internal sealed class RequestTooLargeException(string message) : Exception(message);
