using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

/// <summary>What `--rows-per-year 20000` gave: log spans of 0.4 s and 0.0 s, and test MSEs a hair apart.</summary>
internal static class SmallData
{
    public static ExperimentReport Report(double replicatedSpan = 0.4, double shardedSpan = 0.0409, double shardedMse = 4.52671)
    {
        var report = Reports.TwoVariants();
        var replicated = report.Variants[0];
        var sharded = report.Variants[1];
        return report with
        {
            Variants =
            [
                replicated with
                {
                    LogSpanSeconds = replicatedSpan, TrainingTimeInSeconds = 60, BillableTimeInSeconds = 60, BilledSeconds = 300,
                    Metrics = replicated.Metrics with { Mse = 4.5267, R2 = 0.3969 },
                },
                sharded with
                {
                    LogSpanSeconds = shardedSpan, TrainingTimeInSeconds = 60, BillableTimeInSeconds = 60, BilledSeconds = 300,
                    Metrics = sharded.Metrics with { Mse = shardedMse, R2 = 0.397 },
                    SpeedUp = replicatedSpan / shardedSpan, MseRatio = shardedMse / 4.5267,
                },
            ],
        };
    }
}
