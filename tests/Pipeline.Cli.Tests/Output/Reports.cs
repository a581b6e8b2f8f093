using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

internal static class Reports
{
    /// <summary>Sharded trains 4x faster (400 s vs 100 s) and is 5 % worse in MSE (2.1 vs 2.0).</summary>
    public static ExperimentReport TwoVariants(double shardedR2 = 0.3) => new()
    {
        Name = "test-experiment",
        Dataset = ExperimentEventsFor.Dataset,
        Baseline = "replicated",
        Variants =
        [
            new VariantReport
            {
                Variant = "replicated", TrainDistribution = "FullyReplicated", InstanceCount = 5, TrainingJobName = "replicated-job-1",
                LogSpanSeconds = 400, TrainingTimeInSeconds = 460, BillableTimeInSeconds = 460, BilledSeconds = 2300,
                Metrics = new EvaluationMetrics { Rows = 130, Mse = 2.0, Rmse = Math.Sqrt(2.0), Mae = 1.1, R2 = 0.31, Invocations = 1 },
                SpeedUp = 1, MseRatio = 1,
            },
            new VariantReport
            {
                Variant = "sharded", TrainDistribution = "ShardedByS3Key", InstanceCount = 5, TrainingJobName = "sharded-job-1",
                LogSpanSeconds = 100, TrainingTimeInSeconds = 160, BillableTimeInSeconds = 160, BilledSeconds = 800,
                Metrics = new EvaluationMetrics { Rows = 130, Mse = 2.1, Rmse = Math.Sqrt(2.1), Mae = 1.2, R2 = shardedR2, Invocations = 1 },
                SpeedUp = 400.0 / 100.0, MseRatio = 2.1 / 2.0,
                Hosts = [new HostLogSpan("sharded-job-1/algo-1-1700000000", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(100))],
            },
        ],
    };

    /// <summary>
    /// What a default run produces: two variants of five hosts each, both jobs started together, sharded hosts done in
    /// about a quarter of the time; a few hundred sampled predictions per variant, latency and throughput measured.
    /// </summary>
    public static ExperimentReport Realistic(int samplePoints = 300)
    {
        var start = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
        var random = new Random(1729);
        var actual = Enumerable.Range(0, samplePoints).Select(_ => Normal(random) * 3.2 + 1.8).ToArray();

        VariantReport Variant(string name, string distribution, double hostSeconds, double shrink, double noise)
        {
            var hosts = Enumerable.Range(1, 5).Select(i =>
            {
                var first = start.AddSeconds(3 + random.NextDouble() * 4);
                return new HostLogSpan($"{name}-0f3c9a7e/algo-{i}-1741944413", first, first.AddSeconds(hostSeconds * (0.93 + random.NextDouble() * 0.1)));
            }).ToList();
            var logSpan = (hosts.Max(h => h.LastEvent) - hosts.Min(h => h.FirstEvent)).TotalSeconds;
            var sample = actual.Select(a => new PredictionPoint(a, 1.8 + (a - 1.8) * shrink + Normal(random) * noise)).ToList();
            var mse = sample.Average(p => (p.Predicted - p.Actual) * (p.Predicted - p.Actual));
            var mean = actual.Average();
            var variance = actual.Average(a => (a - mean) * (a - mean));
            var training = (int)Math.Ceiling(logSpan) + 58;
            return new VariantReport
            {
                Variant = name, TrainDistribution = distribution, InstanceCount = 5, TrainingJobName = $"{name}-0f3c9a7e-4b1d-4f7a-9d7e-2b8c",
                LogSpanSeconds = logSpan, TrainingTimeInSeconds = training, BillableTimeInSeconds = training, BilledSeconds = training * 5L,
                Hosts = hosts,
                Metrics = new EvaluationMetrics
                {
                    Rows = 181_417, Mse = mse, Rmse = Math.Sqrt(mse), Mae = sample.Average(p => Math.Abs(p.Predicted - p.Actual)),
                    R2 = 1 - mse / variance, Invocations = 120,
                    Latency = new InvocationLatency(212.4 + random.NextDouble() * 20, 298.1, 331.7), RowsPerSecond = 241_530 + random.Next(20_000),
                    Sample = sample,
                },
            };
        }

        var replicated = Variant("replicated", "FullyReplicated", 410, 0.55, 2.4);
        var sharded = Variant("sharded", "ShardedByS3Key", 96, 0.5, 2.5);
        return new ExperimentReport
        {
            Name = "gdelt-data-distribution",
            Baseline = replicated.Variant,
            Dataset = new IngestedDataset
            {
                TrainPrefix = "s3://sagemaker-local/sagemaker/DEMO-data-distribution-types/train/",
                ValidationPrefix = "s3://sagemaker-local/sagemaker/DEMO-data-distribution-types/validation/",
                TestObject = "s3://sagemaker-local/sagemaker/DEMO-data-distribution-types/test/1984.data",
                FeatureDim = 25,
                Counts = new IngestionCounts
                {
                    RowsRead = 1_200_000, RowsKept = 846_112, TrainRows = 598_525, ValidationRows = 66_170, TestRows = 181_417,
                    Dropped = new Dictionary<string, long>
                    {
                        ["code outside the vocabulary"] = 301_204, ["actor at (0, 0)"] = 41_990, ["missing coordinates"] = 10_671, ["malformed row"] = 23,
                    },
                },
            },
            Variants =
            [
                replicated with { SpeedUp = 1, MseRatio = 1 },
                sharded with { SpeedUp = replicated.LogSpanSeconds / sharded.LogSpanSeconds, MseRatio = sharded.Metrics.Mse / replicated.Metrics.Mse },
            ],
        };
    }

    public static DataSourceSpec GeneratedYears { get; } = new()
    {
        TrainingYears = [1979, 1980, 1981, 1982, 1983], TestYear = 1984, Kind = DataSourceKind.Generated, RowsPerYear = 200_000,
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
