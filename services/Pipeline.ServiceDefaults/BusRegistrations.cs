using MassTransit;

namespace Pipeline.ServiceDefaults;

/// <summary>
/// The consumers and sagas the services in this host asked for. Each service's AddXxx() adds its own;
/// <see cref="MessagingExtensions.AddPipelineMessaging"/> builds the one bus from all of them, so a worker's
/// own process and the embedded all-in-one host register exactly the same things.
/// </summary>
public sealed class BusRegistrations
{
    private readonly List<Action<IBusRegistrationConfigurator>> _registrations = [];

    public void Add(Action<IBusRegistrationConfigurator> registration) => _registrations.Add(registration);

    public void ApplyTo(IBusRegistrationConfigurator bus)
    {
        foreach (var registration in _registrations)
            registration(bus);
    }
}
