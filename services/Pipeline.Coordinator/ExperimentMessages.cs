using Pipeline.Contracts;

namespace Pipeline.Coordinator;

/// <summary>
/// The commands and outcome events the experiment saga sends, built from what it remembers. The state machine decides
/// when; this decides what each message says.
/// </summary>
public static class ExperimentMessages
{
    public static IngestDataset Ingest(ExperimentState saga) => new()
    {
        ExperimentId = saga.CorrelationId,
        Source = saga.Spec.Data,
        Bucket = saga.Spec.Bucket,
        Prefix = saga.Spec.Prefix,
    };

    /// <summary>The dataset a spec names as already prepared, which skips ingestion.</summary>
    public static IngestedDataset PreparedDataset(ExperimentSpec spec)
    {
        var prepared = spec.Data.Prepared ?? throw new InvalidOperationException("The spec names no prepared dataset.");
        return new IngestedDataset
        {
            TrainPrefix = prepared.TrainPrefix,
            ValidationPrefix = prepared.ValidationPrefix,
            TestObject = prepared.TestObject,
            FeatureDim = prepared.FeatureDim,
            ContentType = prepared.ContentType,
            Prepared = true,
        };
    }

    public static StartTrainingJob StartTraining(ExperimentState saga, VariantProgress variant)
    {
        var spec = saga.Spec;
        var dataset = saga.Dataset ?? throw new InvalidOperationException("Training needs the ingested dataset.");
        return new StartTrainingJob
        {
            ExperimentId = saga.CorrelationId,
            Variant = variant.Name,
            TrainingJobName = variant.Names.TrainingJob,
            AlgorithmImage = spec.AlgorithmImage,
            RoleArn = spec.RoleArn,
            InstanceCount = variant.InstanceCount,
            InstanceType = spec.Training.InstanceType,
            VolumeSizeInGB = spec.Training.VolumeSizeInGB,
            TrainPrefix = dataset.TrainPrefix,
            TrainDistribution = variant.TrainDistribution,
            ValidationPrefix = dataset.ValidationPrefix,
            ContentType = dataset.ContentType,
            OutputPath = $"s3://{spec.Bucket}/{spec.Prefix.TrimEnd('/')}/",
            HyperParameters = spec.HyperParameters,
            MaxRuntimeInSeconds = spec.Training.MaxRuntimeInSeconds,
            Tags = PipelineTags.For(saga.CorrelationId, variant.Name, spec.Tags),
        };
    }

    public static WatchTrainingJob Watch(ExperimentState saga, VariantProgress variant) => new()
    {
        ExperimentId = saga.CorrelationId,
        Variant = variant.Name,
        TrainingJobName = variant.Names.TrainingJob,
    };

    public static DeployModel Deploy(ExperimentState saga, VariantProgress variant) => new()
    {
        ExperimentId = saga.CorrelationId,
        Variant = variant.Name,
        ModelName = variant.Names.Model,
        EndpointConfigName = variant.Names.EndpointConfig,
        EndpointName = variant.Names.Endpoint,
        Image = saga.Spec.AlgorithmImage,
        ModelArtifactUri = (variant.Training ?? throw new InvalidOperationException($"Variant '{variant.Name}' has no trained model.")).ModelArtifactUri,
        RoleArn = saga.Spec.RoleArn,
        InstanceType = saga.Spec.Endpoint.InstanceType,
        InstanceCount = saga.Spec.Endpoint.InstanceCount,
        ModelOnly = saga.Spec.Evaluation.ByBatchTransform,
        Tags = PipelineTags.For(saga.CorrelationId, variant.Name, saga.Spec.Tags),
    };

    public static EvaluateEndpoint Evaluate(ExperimentState saga, VariantProgress variant) => new()
    {
        ExperimentId = saga.CorrelationId,
        Variant = variant.Name,
        EndpointName = variant.Names.Endpoint,
        TestObject = (saga.Dataset ?? throw new InvalidOperationException("Evaluation needs the ingested dataset.")).TestObject,
        Method = saga.Spec.Evaluation.Method,
        TransformInstanceType = saga.Spec.Evaluation.ByBatchTransform ? saga.Spec.Evaluation.TransformInstanceType : null,
        TransformInstanceCount = saga.Spec.Evaluation.ByBatchTransform ? saga.Spec.Evaluation.TransformInstanceCount : null,
    };

    public static StopTrainingJob Stop(ExperimentState saga, VariantProgress variant) => new()
    {
        ExperimentId = saga.CorrelationId,
        Variant = variant.Name,
        TrainingJobName = variant.Names.TrainingJob,
    };

    public static TeardownEndpoint Teardown(ExperimentState saga, VariantProgress variant) => new()
    {
        ExperimentId = saga.CorrelationId,
        Variant = variant.Name,
        EndpointName = variant.Names.Endpoint,
        EndpointConfigName = variant.Names.EndpointConfig,
        ModelName = variant.Names.Model,
    };

    public static ExperimentCompleted Completed(ExperimentState saga) => new()
    {
        ExperimentId = saga.CorrelationId,
        Report = ExperimentReportBuilder.Build(saga),
    };

    public static ExperimentCancelled Cancelled(ExperimentState saga) => new()
    {
        ExperimentId = saga.CorrelationId,
        Stage = saga.EndStage!,
        Reason = saga.EndReason!,
        TornDown = saga.TornDown,
        Remaining = saga.Remaining,
    };

    public static ExperimentFailed Failed(ExperimentState saga) => new()
    {
        ExperimentId = saga.CorrelationId,
        Stage = saga.EndStage!,
        Reason = saga.EndReason!,
        TornDown = saga.TornDown,
        Remaining = saga.Remaining,
    };
}
