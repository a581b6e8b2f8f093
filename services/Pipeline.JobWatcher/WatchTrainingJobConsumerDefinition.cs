using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Contracts;

namespace Pipeline.JobWatcher;

public sealed class WatchTrainingJobConsumerDefinition : ConsumerDefinition<WatchTrainingJobConsumer>
{
    public WatchTrainingJobConsumerDefinition() => EndpointName = ServiceQueues.JobWatcher;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<WatchTrainingJobConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Throttling and missing jobs are answered by the consumer; this covers transient faults (network, 5xx).
        var options = context.GetRequiredService<IOptions<JobWatcherOptions>>().Value;
        endpointConfigurator.UseMessageRetry(retry =>
            retry.Incremental(options.RetryLimit, options.PollInterval, options.PollInterval));
    }
}
