using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Pipeline.ServiceDefaults;

/// <summary>Stops a host at start-up, before the bus receives anything, when a port it requires has no adapter.</summary>
internal sealed class RequiredPortsCheck(RequiredPorts ports, IServiceProviderIsService registered) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = ports.All.Where(p => !registered.IsService(p.Port)).ToList();
        if (missing.Count > 0)
            throw new MissingAdapterException("Cannot start: no adapter is registered for "
                + string.Join("; ", missing.Select(p => $"{p.Port.Name} ({p.Description})")));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
