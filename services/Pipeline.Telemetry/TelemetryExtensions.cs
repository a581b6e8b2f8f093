using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pipeline.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Every ActivitySource and Meter of the project is named <c>Pipeline.&lt;project&gt;</c>.</summary>
    public const string PipelineSources = "Pipeline.*";

    /// <summary>
    /// OpenTelemetry the standard way: traces of MassTransit, the project's sources and outgoing HTTP calls; metrics of
    /// MassTransit, the project's meters, HTTP clients and the runtime. The service is named by OTEL_SERVICE_NAME or
    /// <paramref name="serviceName"/>; everything is exported over OTLP as the OTEL_EXPORTER_OTLP_* variables say,
    /// and only when OTEL_EXPORTER_OTLP_ENDPOINT is set, so a process with no collector sends nothing anywhere.
    /// </summary>
    /// <param name="configureTracing">What a host adds to tracing (LocalSageMaker: its incoming requests).</param>
    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<TracerProviderBuilder>? configureTracing = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource("MassTransit", PipelineSources)
                    // A call made outside any trace (a queue's long poll, a credentials refresh) would be a trace of its own.
                    // The filter runs once the call's own activity is current, so it asks whether that one has a parent.
                    .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => Activity.Current?.ParentId is not null);
                configureTracing?.Invoke(tracing);
            })
            .WithMetrics(metrics => metrics
                .AddMeter("MassTransit", PipelineSources)
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return services;
    }
}
