using System.Text.Json.Serialization;

namespace Pipeline.Contracts;

/// <summary>
/// Everything one data-distribution experiment needs. Defaults are the seed notebook's values, so an
/// empty spec describes the notebook's experiment (except the bucket and role, which are the user's).
/// </summary>
public sealed record ExperimentSpec
{
    /// <summary>Short label shown in reports and used as a tag; not part of resource names.</summary>
    public string Name { get; init; } = "gdelt-data-distribution";

    public DataSourceSpec Data { get; init; } = new();

    /// <summary>Bucket that receives the prepared dataset and the model artifacts.</summary>
    public string Bucket { get; init; } = "";

    public string Prefix { get; init; } = "sagemaker/DEMO-data-distribution-types";

    public string RoleArn { get; init; } = "";

    /// <summary>
    /// Training and inference image; a path containing "linear-learner" or "xgboost" is that built-in algorithm
    /// (see <see cref="Algorithms"/>).
    /// </summary>
    public string AlgorithmImage { get; init; } = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1";

    public TrainingSpec Training { get; init; } = new();

    /// <summary>Hyperparameters as SageMaker takes them: strings.</summary>
    public IReadOnlyDictionary<string, string> HyperParameters { get; init; } = new Dictionary<string, string>
    {
        ["feature_dim"] = "25",
        ["mini_batch_size"] = "500",
        ["predictor_type"] = "regressor",
        ["epochs"] = "2",
        ["num_models"] = "32",
        ["loss"] = "absolute_loss",
    };

    /// <summary>The variants compared; each gets its own training job, model and endpoint.</summary>
    public IReadOnlyList<VariantSpec> Variants { get; init; } =
    [
        new() { Name = "replicated", TrainDistribution = DistributionTypes.FullyReplicated },
        new() { Name = "sharded", TrainDistribution = DistributionTypes.ShardedByS3Key },
    ];

    /// <summary>The endpoint each variant's model is served on when <see cref="EvaluationSpec.Method"/> is Endpoint.</summary>
    public EndpointSpec Endpoint { get; init; } = new();

    public EvaluationSpec Evaluation { get; init; } = new();

    public StageTimeouts Timeouts { get; init; } = new();

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Every problem with this spec; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate() => ExperimentSpecValidator.Validate(this);

    /// <summary>
    /// The variants that run: <see cref="Variants"/> as they are, or with a scaling sweep
    /// (<see cref="TrainingSpec.InstanceCounts"/>) each of them at every count, named &lt;variant&gt;-&lt;count&gt;.
    /// </summary>
    public ExperimentSpec WithSweepExpanded() =>
        Training?.InstanceCounts is not { Count: > 0 } counts || Variants is null
            ? this
            : this with
            {
                Training = Training with { InstanceCounts = null },
                Variants = Variants.OfType<VariantSpec>()
                    .SelectMany(v => counts.Select(n => v with { Name = $"{v.Name}-{n}", InstanceCount = n }))
                    .ToList(),
            };

    /// <summary>The instance count a variant trains on (its own override or the spec's).</summary>
    public int InstanceCountOf(VariantSpec variant) => variant.InstanceCount ?? Training.InstanceCount;

    /// <summary>Training stage timeout: the configured one, else MaxRuntime + 10 minutes.</summary>
    [JsonIgnore]
    public TimeSpan TrainingTimeout =>
        Timeouts.Training ?? TimeSpan.FromSeconds(Training.MaxRuntimeInSeconds) + TimeSpan.FromMinutes(10);
}

public sealed record TrainingSpec
{
    public int InstanceCount { get; init; } = 5;

    /// <summary>
    /// A scaling sweep: when set, every variant trains at each of these instance counts (see
    /// <see cref="ExperimentSpec.WithSweepExpanded"/>), and <see cref="InstanceCount"/> is not used.
    /// </summary>
    public IReadOnlyList<int>? InstanceCounts { get; init; }
    public string InstanceType { get; init; } = "ml.c4.2xlarge";
    public int VolumeSizeInGB { get; init; } = 10;
    public int MaxRuntimeInSeconds { get; init; } = 3600;
}

public sealed record EndpointSpec
{
    public string InstanceType { get; init; } = "ml.m4.xlarge";
    public int InstanceCount { get; init; } = 1;
}

/// <summary>How each variant's model scores the held-out test set.</summary>
public sealed record EvaluationSpec
{
    /// <summary><see cref="EvaluationMethods.Endpoint"/> (the notebook's) or <see cref="EvaluationMethods.BatchTransform"/> (the XGBoost blog's).</summary>
    public string Method { get; init; } = EvaluationMethods.Endpoint;

    /// <summary>The transform job's instances; only for <see cref="EvaluationMethods.BatchTransform"/>.</summary>
    public string TransformInstanceType { get; init; } = "ml.m4.xlarge";

    public int TransformInstanceCount { get; init; } = 1;

    /// <summary><see cref="Method"/> is BatchTransform: each variant gets a model and no endpoint.</summary>
    [JsonIgnore]
    public bool ByBatchTransform => Method == EvaluationMethods.BatchTransform;
}

public static class EvaluationMethods
{
    /// <summary>Deploy an endpoint and send it the test rows in ~5 MB InvokeEndpoint batches.</summary>
    public const string Endpoint = "Endpoint";

    /// <summary>Create only the model and score the test rows with one batch transform job; no endpoint is made.</summary>
    public const string BatchTransform = "BatchTransform";

    public static IReadOnlyList<string> All { get; } = [Endpoint, BatchTransform];
}

/// <summary>One arm of the experiment: how the train channel is distributed, optionally on another cluster size.</summary>
public sealed record VariantSpec
{
    /// <summary>Lower-case slug, at most 30 characters; it starts every resource name of the variant.</summary>
    public required string Name { get; init; }

    /// <summary><see cref="DistributionTypes.FullyReplicated"/> or <see cref="DistributionTypes.ShardedByS3Key"/>.</summary>
    public required string TrainDistribution { get; init; }

    /// <summary>Overrides <see cref="TrainingSpec.InstanceCount"/> for this variant.</summary>
    public int? InstanceCount { get; init; }
}

public sealed record StageTimeouts
{
    public TimeSpan Ingestion { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Null means MaxRuntimeInSeconds + 10 minutes.</summary>
    public TimeSpan? Training { get; init; }

    public TimeSpan Deploy { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan Evaluation { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan Teardown { get; init; } = TimeSpan.FromMinutes(30);
}

public static class DistributionTypes
{
    public const string FullyReplicated = "FullyReplicated";
    public const string ShardedByS3Key = "ShardedByS3Key";

    public static IReadOnlyList<string> All { get; } = [FullyReplicated, ShardedByS3Key];
}
