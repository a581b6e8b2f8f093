using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws.Runtime;
using Pipeline.LocalSageMaker.Hosting;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// What every request to the main port passes before any operation runs: its Host must be allowed
/// (<see cref="AllowedHosts"/>), and when LocalSageMaker:Auth is set its SigV4 signature must verify
/// (<see cref="SignatureCheck"/>); otherwise 403 with an AWS error code.
/// </summary>
internal sealed partial class RequestGate(
    IOptions<LocalSageMakerOptions> options, IOptions<LocalSageMakerAuthOptions> auth, TimeProvider time, ILogger<RequestGate> logger)
{
    // The largest body either protocol takes (the Runtime's 6 MB); a signed body is read whole to hash it.
    private static readonly long MaxSignedBody = Math.Max(SageMakerRuntimeClient.MaxBodyBytes, AwsJsonEndpoint.MaxRequestBytes);

    private readonly AllowedHosts _hosts = new(options.Value.AllowedHosts);
    private readonly SignatureCheck? _signatures = auth.Value.IsConfigured ? new SignatureCheck(auth.Value, time) : null;

    public bool Authenticates => _signatures is not null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (await _hosts.RefuseAsync(context).ConfigureAwait(false))
            return;
        if (_signatures is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        using var body = await RequestBody.ReadAsync(context.Request, MaxSignedBody, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await GateAnswer.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ProtocolErrors.RequestEntityTooLarge,
                $"HTTP content length exceeded {MaxSignedBody} bytes.").ConfigureAwait(false);
            return;
        }

        if (_signatures.Verify(context.Request, body.Written.Span) is { } refusal)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path.Value, refusal.Code);
            await GateAnswer.WriteAsync(context, StatusCodes.Status403Forbidden, refusal.Code, refusal.Message).ConfigureAwait(false);
            return;
        }

        // The operation reads the body again, from the bytes that were verified.
        MemoryMarshal.TryGetArray(body.Written, out var bytes);
        context.Request.Body = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        await next(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: {Code}")]
    private static partial void LogRefused(ILogger logger, string method, string? path, string code);
}
