using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Testing;

public static class PipelineTestHarness
{
    /// <summary>
    /// The bus <see cref="PipelineBus.Configure"/> builds for the hosts, on the in-memory transport, under MassTransit's
    /// test harness.
    /// </summary>
    /// <param name="more">Consumers a scenario adds, such as a stand-in for another service.</param>
    public static IServiceCollection AddPipelineTestHarness(this IServiceCollection services,
        Action<IBusRegistrationConfigurator>? more = null)
    {
        services.AddMassTransitTestHarness(bus =>
        {
            // Three seconds of quiet before a conversation counts as over, so a loaded 2-core CI machine is not
            // mistaken for a finished one.
            bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(20), testInactivityTimeout: TimeSpan.FromSeconds(3));
            more?.Invoke(bus);
            PipelineBus.Configure(bus, services.BusRegistrations(), new MessagingOptions { Transport = MessagingOptions.InMemory });
        });
        return services;
    }
}
