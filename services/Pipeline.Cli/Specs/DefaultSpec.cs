using Pipeline.Contracts;

namespace Pipeline.Cli.Specs;

/// <summary>
/// The spec `pipeline run` uses without --spec: the notebook's experiment on generated GDELT-like rows, with a
/// local bucket and a placeholder role (LocalSageMaker does not check roles), so it runs on a laptop as is; and
/// <see cref="CreateXGBoost"/>, the XGBoost blog's experiment on generated store-item sales.
/// </summary>
public static class DefaultSpec
{
    public const string Bucket = "pipeline-local";
    public const string RoleArn = "arn:aws:iam::000000000000:role/pipeline-local";
    public const long RowsPerYear = 1_000_000;

    /// <summary>SageMaker's XGBoost 1.7-1 container in us-east-1: the version LocalSageMaker's XGBoost trains as.</summary>
    public const string XGBoostImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

    /// <summary>
    /// The blog trains 3,000 rounds on all of M5 (about 58 million rows); the default generated sales are about 280,000
    /// training rows, on which the validation RMSE at eta 0.1 stops improving well before this many.
    /// </summary>
    public const string XGBoostRounds = "100";

    public static ExperimentSpec Create() => new()
    {
        Bucket = Bucket,
        RoleArn = RoleArn,
        Data = new DataSourceSpec
        {
            Kind = DataSourceKind.Generated,
            Location = null,
            RowsPerYear = RowsPerYear,
            TrainingYears = [1979, 1980, 1981, 1982, 1983],
            TestYear = 1984,
        },
    };

    /// <summary>
    /// The blog's set-up: built-in XGBoost on 15 x ml.m4.4xlarge, its hyperparameters (num_round scaled to the data,
    /// <see cref="XGBoostRounds"/>), the train channel sharded by key against fully replicated over one CSV file per
    /// store-item series, each model scored by a batch transform job on one ml.m4.xlarge as the blog does.
    /// </summary>
    public static ExperimentSpec CreateXGBoost() => new()
    {
        Name = "m5-xgboost-data-distribution",
        Bucket = Bucket,
        RoleArn = RoleArn,
        Prefix = "m5_store_items",
        Data = new DataSourceSpec { Kind = DataSourceKind.GeneratedSales, Location = null, Sales = new SalesDataSpec() },
        AlgorithmImage = XGBoostImage,
        Training = new TrainingSpec { InstanceCount = 15, InstanceType = "ml.m4.4xlarge", VolumeSizeInGB = 10, MaxRuntimeInSeconds = 18000 },
        HyperParameters = new Dictionary<string, string>
        {
            ["num_round"] = XGBoostRounds,
            ["eta"] = "0.1",
            ["objective"] = "reg:tweedie",
            ["tweedie_variance_power"] = "1.5",
            ["eval_metric"] = "rmse",
            ["rate_drop"] = "0.2",
            ["min_child_weight"] = "7",
            ["max_depth"] = "5",
            ["colsample_bytree"] = "0.7",
            ["subsample"] = "0.7",
        },
        Evaluation = new EvaluationSpec { Method = EvaluationMethods.BatchTransform, TransformInstanceType = "ml.m4.xlarge", TransformInstanceCount = 1 },
    };
}
