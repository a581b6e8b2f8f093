using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.ServiceDefaults;

/// <summary>
/// The outside-world ports the services of a host depend on, each with what provides it. A host checks
/// <see cref="Missing"/> before it starts, so a missing adapter is named up front instead of surfacing as a
/// consumer fault half-way through an experiment.
/// </summary>
public sealed class RequiredPorts
{
    private readonly List<(Type Port, string Description)> _ports = [];

    public IReadOnlyList<(Type Port, string Description)> All => _ports;

    public void Add(Type port, string description)
    {
        if (!_ports.Any(p => p.Port == port))
            _ports.Add((port, description));
    }

    /// <summary>The ports that have no registration in <paramref name="services"/>.</summary>
    public IReadOnlyList<(Type Port, string Description)> Missing(IServiceCollection services) =>
        _ports.Where(p => !services.Any(d => d.ServiceType == p.Port)).ToList();
}

public static class RequiredPortsExtensions
{
    /// <summary>Declares that this host needs an implementation of <typeparamref name="TPort"/>.</summary>
    public static IServiceCollection RequirePort<TPort>(this IServiceCollection services, string description)
        where TPort : class
    {
        services.RequiredPorts().Add(typeof(TPort), description);
        return services;
    }

    public static RequiredPorts RequiredPorts(this IServiceCollection services) =>
        services.GetOrAddInstance<RequiredPorts>();
}
