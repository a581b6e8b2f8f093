using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Health;

namespace Pipeline.ServiceDefaults;

public static class HealthExtensions
{
    /// <summary>
    /// A service's health checks (its required ports, its start; MassTransit adds its bus's) and, when
    /// <c>Health:StatusFile</c> is set, the report file that <c>--health</c> reads (<see cref="HealthReportExtensions"/>).
    /// </summary>
    public static IServiceCollection AddPipelineHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.RequiredPorts();
        services.AddHealthReport(configuration)
            .AddCheck<RequiredPortsHealthCheck>(RequiredPortsHealthCheck.Name, tags: [HealthTags.Ready]);
        return services;
    }
}
