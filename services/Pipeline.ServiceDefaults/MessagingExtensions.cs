using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.ServiceDefaults;

public static class MessagingExtensions
{
    /// <summary>Adds consumers or sagas to the host's bus; call from a service's AddXxx().</summary>
    public static IServiceCollection AddBusRegistration(this IServiceCollection services, Action<IBusRegistrationConfigurator> registration)
    {
        services.BusRegistrations().Add(registration);
        return services;
    }

    /// <summary>The registrations collected so far (one shared instance per service collection).</summary>
    public static BusRegistrations BusRegistrations(this IServiceCollection services) =>
        services.GetOrAddInstance<BusRegistrations>();

    /// <summary>Builds the single bus from every registration, with the delayed scheduler for Schedule and polls.</summary>
    public static IServiceCollection AddPipelineMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Registered before the bus so that it runs first.
        services.RequiredPorts();
        services.AddHostedService<RequiredPortsCheck>();

        var registrations = services.BusRegistrations();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // No service of ours phones home (MassTransit reports usage to its vendor by default).
            bus.DisableUsageTelemetry();
            bus.AddDelayedMessageScheduler();
            registrations.ApplyTo(bus);
            bus.UsingInMemory((context, transport) =>
            {
                transport.UseDelayedMessageScheduler();
                transport.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
