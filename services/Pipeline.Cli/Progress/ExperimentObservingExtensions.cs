using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Cli.Progress;

public static class ExperimentObservingExtensions
{
    /// <summary>Subscribes this host to the experiment events and collects them in <see cref="ExperimentEvents"/>.</summary>
    /// <param name="queue">The progress queue; one per run when runs share a broker (SQS), so none takes another's events.</param>
    public static IServiceCollection AddExperimentObserver(this IServiceCollection services, string queue = ExperimentEventObserverDefinition.DefaultQueue)
    {
        services.AddSingleton<ExperimentEvents>();
        services.AddSingleton(new ProgressQueue(queue));
        return services.AddBusRegistration(bus => bus.AddConsumer<ExperimentEventObserver, ExperimentEventObserverDefinition>());
    }
}
