using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pipeline.Health;

public static class HealthReportExtensions
{
    /// <summary>
    /// Health checks with the host's start as one of them and, when <c>Health:StatusFile</c> is set, the report file that
    /// <c>--health</c> reads (<see cref="HealthProbe"/>). No port is opened. Other checks are the caller's to add.
    /// </summary>
    public static IHealthChecksBuilder AddHealthReport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HealthOptions>()
            .Bind(configuration.GetSection(HealthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var health = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        if (!string.IsNullOrWhiteSpace(health.StatusFile))
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<HealthStatusFile>();
            // Before AddHealthChecks' publisher service, so a leftover report is gone before the first new one is written.
            services.AddHostedService(sp => sp.GetRequiredService<HealthStatusFile>());
            services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<HealthStatusFile>());
            services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<HealthOptions>>((publisher, options) =>
            {
                publisher.Delay = TimeSpan.Zero;
                publisher.Period = options.Value.Interval;
                publisher.Timeout = options.Value.Interval;
            });
            // The report says why a check fails, every interval; the check service would also log each failing check as
            // an error each time, starting with "Starting" on every start.
            services.AddLogging(logging => logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.None));
        }

        return services.AddHealthChecks().AddCheck<HostStartedHealthCheck>(HostStartedHealthCheck.Name, tags: [HealthTags.Ready]);
    }
}
