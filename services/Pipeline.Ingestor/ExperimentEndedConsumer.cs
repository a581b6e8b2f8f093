using MassTransit;
using Microsoft.Extensions.Logging;
using Pipeline.Contracts;

namespace Pipeline.Ingestor;

/// <summary>Stops the build of an experiment that was cancelled or failed (an ingestion timeout, say) while it ran here.</summary>
public sealed class ExperimentEndedConsumer(RunningIngestions ingestions, ILogger<ExperimentEndedConsumer> logger)
    : IConsumer<ExperimentCancelled>, IConsumer<ExperimentFailed>
{
    public Task Consume(ConsumeContext<ExperimentCancelled> context) => Stop(context.Message.ExperimentId, "cancelled");

    public Task Consume(ConsumeContext<ExperimentFailed> context) => Stop(context.Message.ExperimentId, "failed");

    private Task Stop(Guid experimentId, string how)
    {
        if (ingestions.Cancel(experimentId))
            logger.LogInformation("Experiment {ExperimentId} {How}: stopping its ingestion", experimentId, how);
        return Task.CompletedTask;
    }
}

/// <summary>Every Ingestor process must hear of every ended experiment: an endpoint of its own, gone when it stops.</summary>
public sealed class ExperimentEndedConsumerDefinition : ConsumerDefinition<ExperimentEndedConsumer>
{
    public ExperimentEndedConsumerDefinition() =>
        Endpoint(e =>
        {
            e.Name = $"{ServiceQueues.Ingestor}-experiment-ended";
            e.InstanceId = $"-{Environment.MachineName}-{Environment.ProcessId}".ToLowerInvariant();
            e.Temporary = true;
        });
}
