using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Metrics;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>The HTTP front on a web application of any origin (the standalone process, the in-process server).</summary>
internal static class LocalSageMakerHttpFront
{
    /// <summary>
    /// Registers the operation tables and the endpoints, makes Kestrel listen where section "LocalSageMaker:Server"
    /// says, builds the application and maps <c>POST /</c> (the JSON protocols) and CloudWatch's rpc-v2-cbor route. The engine
    /// (ITrainingJobApi, ILogsApi, IMetricsApi) is the caller's to register.
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LocalSageMakerServerOptions>()
            .Bind(builder.Configuration.GetSection(LocalSageMakerServerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Reading the options here validates them, so a bad host is reported as a setting, not as a parse error.
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<LocalSageMakerServerOptions>>((kestrel, options) => kestrel.Listen(options.Value.EndPoint()));
        services.AddRoutingCore();
        services.AddSingleton<IOperationTable>(LocalSageMakerOperations.SageMaker());
        services.AddSingleton<IOperationTable>(LocalSageMakerOperations.Hosting());
        services.AddSingleton<IOperationTable>(LocalSageMakerOperations.Transform());
        services.AddSingleton<IOperationTable>(LocalSageMakerOperations.Tags());
        services.AddSingleton<IOperationTable>(LocalSageMakerOperations.Logs());
        services.AddSingleton<IOperationTable>(LocalSageMakerOperations.CloudWatch());
        services.AddSingleton<AwsJsonEndpoint>();
        services.AddSingleton<CloudWatchEndpoint>();
        services.AddOptions<LocalSageMakerOptions>();
        services.AddOptions<LocalSageMakerAuthOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RequestGate>();

        var app = builder.Build();
        try
        {
            var gate = app.Services.GetRequiredService<RequestGate>();
            var listen = app.Services.GetRequiredService<IOptions<LocalSageMakerServerOptions>>().Value;
            // The Host check stops a browser's rebinding trick, not a caller on the network: beyond loopback, only signatures do.
            if (!gate.Authenticates && !IPAddress.IsLoopback(listen.EndPoint().Address))
                throw new OptionsValidationException(LocalSageMakerServerOptions.Section, typeof(LocalSageMakerServerOptions),
                [
                    $"LocalSageMaker:Server:Host {listen.Host} reaches beyond this machine, and LocalSageMaker would answer anyone there: "
                    + "set LocalSageMaker:Auth:AccessKeyId and LocalSageMaker:Auth:SecretAccessKey to require signed requests, or listen on 127.0.0.1.",
                ]);
            if (!gate.Authenticates)
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pipeline.LocalSageMaker").LogWarning(
                    "LocalSageMaker runs UNAUTHENTICATED: any process on this machine can call it, and it answers every request it gets. "
                    + "Set LocalSageMaker:Auth:AccessKeyId and LocalSageMaker:Auth:SecretAccessKey to require signed requests.");
            app.Use(gate.InvokeAsync);
            app.MapPost("/", (RequestDelegate)app.Services.GetRequiredService<AwsJsonEndpoint>().HandleAsync);
            // CloudWatch (smithy-rpc-v2-cbor) on the same port: point AWS_ENDPOINT_URL_CLOUDWATCH here too.
            app.MapPost(CloudWatchEndpoint.Route, (RequestDelegate)app.Services.GetRequiredService<CloudWatchEndpoint>().HandleAsync);
            // SageMaker Runtime (REST-JSON) on the same port: point AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME here too.
            app.MapPost(InvokeEndpointRoute.Pattern, InvokeEndpointAsync);
            return app;
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }

    private static Task InvokeEndpointAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<InvokeEndpointRoute>() is { } route)
            return route.HandleAsync(context);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.Headers[InvokeEndpointRoute.ErrorTypeHeader] = "InternalFailure";
        return context.Response.WriteAsJsonAsync(new { message = "No hosting engine is registered in this host (AddLocalSageMakerHosting)." });
    }

    /// <summary>http://&lt;host&gt;:&lt;port&gt; as bound (the real port when 0 was asked for); valid once started.</summary>
    public static Uri BaseAddress(WebApplication app) =>
        ListenAddress.Reachable(app.Urls.FirstOrDefault() ?? throw new InvalidOperationException("The LocalSageMaker server is not listening."));
}
