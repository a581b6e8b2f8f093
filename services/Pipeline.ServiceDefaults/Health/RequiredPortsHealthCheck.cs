using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pipeline.Health;

namespace Pipeline.ServiceDefaults;

/// <summary>Unhealthy while a port a service requires has no adapter (such a host also refuses to start).</summary>
internal sealed class RequiredPortsHealthCheck(RequiredPorts ports, IServiceProviderIsService registered) : IHealthCheck
{
    public const string Name = "required-ports";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = ports.All.Where(p => !registered.IsService(p.Port)).ToList();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy($"Every required port has an adapter ({ports.All.Count})")
            : HealthCheckResult.Unhealthy("No adapter for " + string.Join("; ", missing.Select(p => $"{p.Port.Name} ({p.Description})"))));
    }
}
