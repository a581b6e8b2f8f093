using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Cli.Progress;

/// <summary>Subscribes to every event an experiment publishes and hands it to <see cref="ExperimentEvents"/>.</summary>
public sealed class ExperimentEventObserver(ExperimentEvents events) :
    IConsumer<DatasetIngested>,
    IConsumer<DatasetIngestionFailed>,
    IConsumer<TrainingJobStarted>,
    IConsumer<TrainingJobStatusChanged>,
    IConsumer<TrainingJobCompleted>,
    IConsumer<TrainingJobFailed>,
    IConsumer<TrainingJobStopRequested>,
    IConsumer<EndpointInService>,
    IConsumer<ModelCreated>,
    IConsumer<EndpointDeploymentFailed>,
    IConsumer<EndpointEvaluated>,
    IConsumer<EndpointEvaluationFailed>,
    IConsumer<EndpointDeleted>,
    IConsumer<ExperimentCompleted>,
    IConsumer<ExperimentFailed>,
    IConsumer<ExperimentCancelled>,
    IConsumer<ExperimentRejected>
{
    public Task Consume(ConsumeContext<DatasetIngested> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<DatasetIngestionFailed> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<TrainingJobStarted> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<TrainingJobStatusChanged> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<TrainingJobCompleted> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<TrainingJobFailed> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<TrainingJobStopRequested> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<EndpointInService> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<ModelCreated> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<EndpointDeploymentFailed> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<EndpointEvaluated> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<EndpointEvaluationFailed> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<EndpointDeleted> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<ExperimentCompleted> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<ExperimentFailed> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<ExperimentCancelled> context) => Observe(context.Message);
    public Task Consume(ConsumeContext<ExperimentRejected> context) => Observe(context.Message);

    private Task Observe(object message) => events.Write(message).AsTask();
}

/// <summary>One message at a time, so the progress shown follows the order the events were published in.</summary>
public sealed class ExperimentEventObserverDefinition : ConsumerDefinition<ExperimentEventObserver>
{
    public const string DefaultQueue = "pipeline-cli-progress";

    public ExperimentEventObserverDefinition(ProgressQueue queue)
    {
        EndpointName = queue.Name;
        ConcurrentMessageLimit = 1;
    }
}

/// <summary>The name of the queue the command line follows an experiment's events on.</summary>
public sealed record ProgressQueue(string Name);
