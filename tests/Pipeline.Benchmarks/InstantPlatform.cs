using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Benchmarks;

/// <summary>
/// The five workers reduced to their answers: every command is answered at once with the event the real service
/// would publish on success, so a benchmark measures the saga and its transport and store, not SageMaker.
/// </summary>
internal static class InstantPlatform
{
    public static void AddTo(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<InstantIngestor>().Endpoint(e => e.Name = ServiceQueues.Ingestor);
        bus.AddConsumer<InstantTrainer>().Endpoint(e => e.Name = ServiceQueues.Trainer);
        bus.AddConsumer<InstantJobWatcher>().Endpoint(e => e.Name = ServiceQueues.JobWatcher);
        bus.AddConsumer<InstantDeployer>().Endpoint(e => e.Name = ServiceQueues.Deployer);
        bus.AddConsumer<InstantEvaluator>().Endpoint(e => e.Name = ServiceQueues.Evaluator);
    }

    private sealed class InstantIngestor : IConsumer<IngestDataset>
    {
        public Task Consume(ConsumeContext<IngestDataset> context) => context.Publish(new DatasetIngested
        {
            ExperimentId = context.Message.ExperimentId,
            Dataset = new IngestedDataset
            {
                TrainPrefix = $"s3://{context.Message.Bucket}/bench/train/",
                ValidationPrefix = $"s3://{context.Message.Bucket}/bench/validation/",
                TestObject = $"s3://{context.Message.Bucket}/bench/test/1984.data",
                FeatureDim = 25,
            },
        });
    }

    private sealed class InstantTrainer : IConsumer<StartTrainingJob>, IConsumer<StopTrainingJob>
    {
        public Task Consume(ConsumeContext<StartTrainingJob> context) => context.Publish(new TrainingJobStarted
        {
            ExperimentId = context.Message.ExperimentId,
            Variant = context.Message.Variant,
            TrainingJobName = context.Message.TrainingJobName,
            TrainingJobArn = $"arn:aws:sagemaker:us-east-1:000000000000:training-job/{context.Message.TrainingJobName}",
        });

        public Task Consume(ConsumeContext<StopTrainingJob> context) => context.Publish(new TrainingJobStopRequested
        {
            ExperimentId = context.Message.ExperimentId,
            Variant = context.Message.Variant,
            TrainingJobName = context.Message.TrainingJobName,
        });
    }

    private sealed class InstantJobWatcher : IConsumer<WatchTrainingJob>
    {
        public Task Consume(ConsumeContext<WatchTrainingJob> context) => context.Publish(new TrainingJobCompleted
        {
            ExperimentId = context.Message.ExperimentId,
            Variant = context.Message.Variant,
            TrainingJobName = context.Message.TrainingJobName,
            ModelArtifactUri = $"s3://bench/output/{context.Message.TrainingJobName}/output/model.tar.gz",
            InstanceCount = 5,
            LogSpanSeconds = 1,
            TrainingTimeInSeconds = 1,
            BillableTimeInSeconds = 1,
        });
    }

    private sealed class InstantDeployer : IConsumer<DeployModel>, IConsumer<TeardownEndpoint>
    {
        public Task Consume(ConsumeContext<DeployModel> context) => context.Publish(new EndpointInService
        {
            ExperimentId = context.Message.ExperimentId,
            Variant = context.Message.Variant,
            EndpointName = context.Message.EndpointName,
        });

        public Task Consume(ConsumeContext<TeardownEndpoint> context) => context.Publish(new EndpointDeleted
        {
            ExperimentId = context.Message.ExperimentId,
            Variant = context.Message.Variant,
            EndpointName = context.Message.EndpointName,
        });
    }

    private sealed class InstantEvaluator : IConsumer<EvaluateEndpoint>
    {
        public Task Consume(ConsumeContext<EvaluateEndpoint> context) => context.Publish(new EndpointEvaluated
        {
            ExperimentId = context.Message.ExperimentId,
            Variant = context.Message.Variant,
            EndpointName = context.Message.EndpointName,
            Metrics = new EvaluationMetrics { Rows = 1, Mse = 1, Rmse = 1, Mae = 1, R2 = 0, Invocations = 1 },
        });
    }
}
