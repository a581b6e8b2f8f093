using System.ComponentModel.DataAnnotations;
using Amazon.Runtime;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Transport.Sqs;

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

    /// <summary>
    /// Builds the single bus from every registration on the transport <c>Messaging:Transport</c> names. A service in a
    /// process of its own must be on SQS: on the in-memory transport it would reach nobody, so it refuses to start;
    /// only the host that runs every service (<paramref name="allServicesInThisProcess"/>) may use it.
    /// </summary>
    public static IServiceCollection AddPipelineMessaging(this IServiceCollection services, IConfiguration configuration,
        bool allServicesInThisProcess = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (!allServicesInThisProcess)
            options.Validate(
                messaging => messaging.Transport != MessagingOptions.InMemory,
                $"This service runs in a process of its own, where the in-memory transport reaches no other service: set "
                + $"Messaging:Transport to {MessagingOptions.Sqs} (Messaging__Transport={MessagingOptions.Sqs}), or run every "
                + "service in one process with `pipeline run`.");

        // Registered before the bus so that it runs first.
        services.RequiredPorts();
        services.AddHostedService<RequiredPortsCheck>();

        // The host is started once its queues, topics and subscriptions exist: a message published to a topic
        // before its subscriber's queue is subscribed would reach nobody.
        services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var messaging = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var registrations = services.BusRegistrations();
        services.AddMassTransit(bus => PipelineBus.Configure(bus, registrations, messaging));
        return services;
    }
}

/// <summary>The one place the bus is put together: the hosts and the test harness call it alike.</summary>
public static class PipelineBus
{
    public static void Configure(IBusRegistrationConfigurator bus, BusRegistrations registrations, MessagingOptions messaging)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(messaging);
        bus.SetKebabCaseEndpointNameFormatter();
        // No service of ours phones home (MassTransit reports usage to its vendor by default).
        bus.DisableUsageTelemetry();
        bus.AddDelayedMessageScheduler();
        registrations.ApplyTo(bus);

        // Invalid settings configure no SQS host: start-up validation then lists every problem by its setting's name.
        if (messaging.Transport == MessagingOptions.Sqs && IsValid(messaging.SqsTransport))
        {
            var sqs = messaging.SqsTransport;
            bus.UsingSqs((context, transport) =>
            {
                transport.Host(host =>
                {
                    host.Region = sqs.Region;
                    host.SqsServiceUrl = sqs.ServiceUrl;
                    host.SnsServiceUrl = string.IsNullOrEmpty(sqs.SnsServiceUrl) ? sqs.ServiceUrl : sqs.SnsServiceUrl;
                    host.Scope = sqs.Scope;
                    host.WaitTimeSeconds = sqs.WaitTimeSeconds;
                    host.VisibilityTimeoutSeconds = sqs.VisibilityTimeoutSeconds;
                    // Given ones (tests, a host that made its own) or else the SDK's standard chain.
                    host.Credentials = context.GetService<AWSCredentials>();
                });
                if (sqs.PrefetchCount is { } prefetch)
                    transport.PrefetchCount = prefetch;
                transport.UseDelayedMessageScheduler();
                transport.ConfigureEndpoints(context);
            });
            return;
        }

        bus.UsingInMemory((context, transport) =>
        {
            transport.UseDelayedMessageScheduler();
            transport.ConfigureEndpoints(context);
        });
    }

    private static bool IsValid(object options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), validationResults: null, validateAllProperties: true);
}
