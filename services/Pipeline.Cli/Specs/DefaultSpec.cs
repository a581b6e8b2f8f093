using Pipeline.Contracts;

namespace Pipeline.Cli.Specs;

/// <summary>
/// The spec `pipeline run` uses without --spec: the notebook's experiment on generated GDELT-like rows, with a
/// local bucket and a placeholder role (LocalSageMaker does not check roles), so it runs on a laptop as is.
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
            Kind = GdeltSourceKind.Generated,
            Location = null,
            RowsPerYear = RowsPerYear,
            TrainingYears = [1979, 1980, 1981, 1982, 1983],
            TestYear = 1984,
        },
    };
}
