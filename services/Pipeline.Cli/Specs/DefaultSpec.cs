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
    /// <see cref="XGBoostBlog.Rounds"/>), the train channel sharded by key against fully replicated over one CSV file per
    /// store-item series, each model scored by a batch transform job on one ml.m4.xlarge as the blog does.
    /// </summary>
    public static ExperimentSpec CreateXGBoost() => new()
    {
        Name = "m5-xgboost-data-distribution",
        Bucket = Bucket,
        RoleArn = RoleArn,
        Prefix = "m5_store_items",
        Data = new DataSourceSpec { Kind = DataSourceKind.GeneratedSales, Location = null, Sales = new SalesDataSpec() },
        AlgorithmImage = XGBoostBlog.Image,
        Training = new TrainingSpec
        {
            InstanceCount = XGBoostBlog.InstanceCount,
            InstanceType = XGBoostBlog.InstanceType,
            VolumeSizeInGB = 10,
            MaxRuntimeInSeconds = XGBoostBlog.MaxRuntimeInSeconds,
        },
        HyperParameters = XGBoostBlog.HyperParameters(),
        Evaluation = new EvaluationSpec { Method = EvaluationMethods.BatchTransform, TransformInstanceType = "ml.m4.xlarge", TransformInstanceCount = 1 },
    };
}
