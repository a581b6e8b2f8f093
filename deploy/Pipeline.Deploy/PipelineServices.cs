using Pipeline.Contracts;

namespace Pipeline.Deploy;

/// <summary>
/// The six services and their messaging, as their registrations and consumers have it (the Deploy tests hold this
/// table against the services' consumers and the saga's events, and the names against the transport's).
/// </summary>
internal static class PipelineServices
{
    public static PipelineService Coordinator { get; } = new(
        "Coordinator",
        ServiceQueues.Coordinator,
        Consumes:
        [
            MessageTopic.Of<StartExperiment>(), MessageTopic.Of<CancelExperiment>(),
            MessageTopic.Of<DatasetIngested>(), MessageTopic.Of<DatasetIngestionFailed>(), MessageTopic.FaultOf<IngestDataset>(),
            MessageTopic.Of<TrainingJobStarted>(), MessageTopic.Of<TrainingJobStatusChanged>(), MessageTopic.Of<TrainingJobCompleted>(),
            MessageTopic.Of<TrainingJobFailed>(), MessageTopic.FaultOf<StartTrainingJob>(), MessageTopic.FaultOf<WatchTrainingJob>(),
            MessageTopic.Of<TrainingJobStopRequested>(), MessageTopic.FaultOf<StopTrainingJob>(),
            MessageTopic.Of<EndpointInService>(), MessageTopic.Of<ModelCreated>(), MessageTopic.Of<EndpointDeploymentFailed>(),
            MessageTopic.FaultOf<DeployModel>(), MessageTopic.FaultOf<CheckEndpointStatus>(),
            MessageTopic.Of<EndpointEvaluated>(), MessageTopic.Of<EndpointEvaluationFailed>(), MessageTopic.FaultOf<EvaluateEndpoint>(),
            MessageTopic.Of<EndpointDeleted>(), MessageTopic.FaultOf<TeardownEndpoint>(),
            MessageTopic.Of<StageTimedOut>(),
        ],
        Publishes: [MessageTopic.Of<ExperimentCompleted>(), MessageTopic.Of<ExperimentFailed>(), MessageTopic.Of<ExperimentCancelled>(), MessageTopic.Of<ExperimentRejected>()],
        Access: [AwsAccess.SagaTable],
        TaskSize.Small,
        BacklogPerTask: null)
    {
        SendsTo = [ServiceQueues.Ingestor, ServiceQueues.Trainer, ServiceQueues.JobWatcher, ServiceQueues.Deployer, ServiceQueues.Evaluator],
    };

    public static PipelineService Ingestor { get; } = new(
        "Ingestor",
        ServiceQueues.Ingestor,
        Consumes: [MessageTopic.Of<IngestDataset>()],
        Publishes: [MessageTopic.Of<DatasetIngested>(), MessageTopic.Of<DatasetIngestionFailed>()],
        Access: [AwsAccess.ExperimentObjects],
        TaskSize.Large,
        // One ingestion at a time per task (Ingestor:ConcurrentMessageLimit), for minutes: a waiting one is worth a task.
        BacklogPerTask: 1)
    {
        ConsumesPerProcess = [MessageTopic.Of<ExperimentCancelled>(), MessageTopic.Of<ExperimentFailed>()],
    };

    public static PipelineService Trainer { get; } = new(
        "Trainer",
        ServiceQueues.Trainer,
        Consumes: [MessageTopic.Of<StartTrainingJob>(), MessageTopic.Of<StopTrainingJob>()],
        Publishes: [MessageTopic.Of<TrainingJobStarted>(), MessageTopic.Of<TrainingJobFailed>(), MessageTopic.Of<TrainingJobStopRequested>()],
        Access: [AwsAccess.TrainingJobs],
        TaskSize.Small,
        BacklogPerTask: 10);

    public static PipelineService JobWatcher { get; } = new(
        "JobWatcher",
        ServiceQueues.JobWatcher,
        Consumes: [MessageTopic.Of<WatchTrainingJob>()],
        Publishes: [MessageTopic.Of<TrainingJobStatusChanged>(), MessageTopic.Of<TrainingJobCompleted>(), MessageTopic.Of<TrainingJobFailed>()],
        Access: [AwsAccess.TrainingJobStatus],
        TaskSize.Small,
        BacklogPerTask: 20);

    public static PipelineService Deployer { get; } = new(
        "Deployer",
        ServiceQueues.Deployer,
        Consumes: [MessageTopic.Of<DeployModel>(), MessageTopic.Of<CheckEndpointStatus>(), MessageTopic.Of<TeardownEndpoint>(), MessageTopic.Of<CheckEndpointDeleted>()],
        Publishes: [MessageTopic.Of<EndpointInService>(), MessageTopic.Of<ModelCreated>(), MessageTopic.Of<EndpointDeploymentFailed>(), MessageTopic.Of<EndpointDeleted>()],
        Access: [AwsAccess.Hosting],
        TaskSize.Small,
        BacklogPerTask: 10);

    public static PipelineService Evaluator { get; } = new(
        "Evaluator",
        ServiceQueues.Evaluator,
        Consumes: [MessageTopic.Of<EvaluateEndpoint>()],
        Publishes: [MessageTopic.Of<EndpointEvaluated>(), MessageTopic.Of<EndpointEvaluationFailed>()],
        Access: [AwsAccess.Evaluation, AwsAccess.ExperimentObjects],
        TaskSize.Medium,
        // An evaluation sends the whole test set to an endpoint and takes minutes.
        BacklogPerTask: 2);

    public static IReadOnlyList<PipelineService> All { get; } = [Coordinator, Ingestor, Trainer, JobWatcher, Deployer, Evaluator];
}
