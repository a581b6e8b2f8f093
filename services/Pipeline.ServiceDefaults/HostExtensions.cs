using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Telemetry;

namespace Pipeline.ServiceDefaults;

public static class HostExtensions
{
    /// <summary>Logging, OpenTelemetry and health checks, the same for every Pipeline host.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddPipelineHealth(builder.Configuration);
        builder.Services.AddPipelineTelemetry(builder.Configuration, serviceName);
        return builder;
    }
}
