using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.LocalSageMaker.Hosting.Inference;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// One simulated ML instance of an endpoint variant: an HTTP server of its own on a free port following the
/// inference container contract. <c>GET /ping</c> answers 200 once the model is loaded (503 before);
/// <c>POST /invocations</c> scores the body with the model. It writes its log stream as a container would.
/// </summary>
public sealed class EndpointInstance : IAsyncDisposable
{
    private readonly IHostLog _log;
    private WebApplication? _app;
    private IModelInference? _inference;
    private long _invocations;

    private EndpointInstance(string instanceId, string variantName, string modelFolder, IHostLog log)
    {
        InstanceId = instanceId;
        VariantName = variantName;
        ModelFolder = modelFolder;
        _log = log;
    }

    /// <summary>i- and 17 hex digits, as EC2 names instances.</summary>
    public string InstanceId { get; }

    public string VariantName { get; }

    /// <summary>The instance's stand-in for /opt/ml/model.</summary>
    public string ModelFolder { get; }

    /// <summary>http://127.0.0.1:&lt;port&gt;/ once started.</summary>
    public Uri Address { get; private set; } = null!;

    public Uri Invocations => new(Address, "invocations");

    public Uri Ping => new(Address, "ping");

    /// <summary>Requests that reached /invocations.</summary>
    public long InvocationCount => Interlocked.Read(ref _invocations);

    public bool IsLoaded => Volatile.Read(ref _inference) is not null;

    public static string NewInstanceId() => "i-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..17];

    /// <summary>Starts the server (the model not yet loaded: /ping answers 503).</summary>
    public static async Task<EndpointInstance> StartAsync(
        string instanceId, string variantName, string modelFolder, string host, IHostLog log, CancellationToken cancellationToken,
        AllowedHosts? allowedHosts = null)
    {
        var instance = new EndpointInstance(instanceId, variantName, modelFolder, log);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(EndpointInstance).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Listen(new IPEndPoint(IPAddress.Parse(host), 0));
            // The front refuses bodies over 6 MB; an instance takes what the front forwards.
            kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
        });
        var app = builder.Build();
        // Its own port, its own check: a page rebinding its name to 127.0.0.1 must not reach the model either.
        var hosts = allowedHosts ?? new AllowedHosts();
        app.Use(async (context, next) =>
        {
            if (!await hosts.RefuseAsync(context).ConfigureAwait(false))
                await next(context).ConfigureAwait(false);
        });
        app.MapGet("/ping", instance.PingAsync);
        app.MapPost("/invocations", instance.InvokeAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        instance._app = app;
        instance.Address = ListenAddress.Reachable(app.Urls.First().TrimEnd('/') + "/");
        log.Write($"Instance {instanceId} of variant {variantName} listening on {instance.Address} (model folder {modelFolder})");
        return instance;
    }

    /// <summary>The model is loaded: /ping answers 200 and /invocations scores.</summary>
    public void Serve(IModelInference inference)
    {
        ArgumentNullException.ThrowIfNull(inference);
        Volatile.Write(ref _inference, inference);
        _log.Write($"Loaded {inference.Description} from {ModelFolder}");
    }

    public void Write(string line) => _log.Write(line);

    public async ValueTask DisposeAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null)
            return;
        try
        {
            await app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
            _log.Write($"Instance {InstanceId} stopped");
        }
    }

    private Task PingAsync(HttpContext context)
    {
        var loaded = IsLoaded;
        context.Response.StatusCode = loaded ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        _log.Write(loaded ? "GET /ping 200" : "GET /ping 503 (model not loaded)");
        return Task.CompletedTask;
    }

    private async Task InvokeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _invocations);
        var inference = Volatile.Read(ref _inference);
        if (inference is null)
        {
            await AnswerAsync(context, StatusCodes.Status503ServiceUnavailable, "The model is not loaded yet.").ConfigureAwait(false);
            return;
        }

        using var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        using var output = new PooledBuffer(Math.Max(64 * 1024, body.Length / 4));
        string contentType;
        try
        {
            (contentType, _) = inference.Invoke(body.Written, context.Request.ContentType, context.Request.Headers.Accept.ToString(), output);
        }
        catch (InvalidInputException e)
        {
            _log.Write(string.Create(CultureInfo.InvariantCulture, $"POST /invocations {e.StatusCode}: {e.Message}"));
            await AnswerAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = output.Length;
        await context.Response.Body.WriteAsync(output.Written, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task AnswerAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
    }
}
