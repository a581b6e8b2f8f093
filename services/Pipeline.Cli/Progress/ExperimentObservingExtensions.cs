using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Cli.Progress;

public static class ExperimentObservingExtensions
{
    /// <summary>Subscribes this host to the experiment events and collects them in <see cref="ExperimentEvents"/>.</summary>
    public static IServiceCollection AddExperimentObserver(this IServiceCollection services)
    {
        services.AddSingleton<ExperimentEvents>();
        return services.AddBusRegistration(bus => bus.AddConsumer<ExperimentEventObserver, ExperimentEventObserverDefinition>());
    }
}
