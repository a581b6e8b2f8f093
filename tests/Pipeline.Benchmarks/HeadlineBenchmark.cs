using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Storage;

namespace Pipeline.Benchmarks;

/// <summary>
/// `headline [--rows-per-year n] [--seed n] [--max-concurrent-jobs n]`: the experiment's headline on generated data.
/// Ingests five generated training years (1979-1983) and the test year through the Ingestor's GdeltDatasetBuilder
/// into a local-folder object store, runs the notebook's two linear learner jobs (FullyReplicated and ShardedByS3Key,
/// 5 instances, the notebook's hyperparameters) through LocalSageMaker's engine, both created at once as the notebook
/// does, and measures each job's training time as the notebook's get_train_timing does: latest minus earliest event
/// over the job's log streams, read through the Logs API. Prints both spans, the ratio sharded/replicated against the
/// 0.35 target, TrainingTimeInSeconds and both validation MSEs (from the final algo-1 quality metric line).
/// </summary>
internal static class HeadlineBenchmark
{
    private const double TargetRatio = 0.35;
    private const string Bucket = "headline";
    private const string Image = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1";
    private const string MseMarker = "#quality_metric: host=algo-1, validation mse <loss>=";

    public static async Task<int> RunAsync(HeadlineBenchmarkOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-headline-benchmark-").FullName;
        try
        {
            await using var sageMaker = BenchmarkSageMaker.Start(folder, options.MaxConcurrentJobs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Headline benchmark: {options.RowsPerYear:N0} generated GDELT rows a year, training years 1979-1983, seed {options.Seed}; {Environment.ProcessorCount} cores, {options.MaxConcurrentJobs} training job(s) at a time."));
            var clock = Stopwatch.StartNew();
            var dataset = await Ingest(sageMaker.Store, options.RowsPerYear, options.Seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ingested in {clock.Elapsed.TotalSeconds:N1} s: {dataset.Counts?.TrainRows:N0} train rows (5 objects), {dataset.Counts?.ValidationRows:N0} validation rows, feature_dim {dataset.FeatureDim}."));

            var (replicated, sharded) = await HeadlineJobs.RunBothAsync(sageMaker, "headline", (name, distribution) => Request(name, distribution, dataset),
                name => Measure(sageMaker, name));
            var ratio = HeadlineJobs.Print("validation MSE", 18, replicated, sharded);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ratio sharded/replicated (log spans): {ratio:N3} ({1 / ratio:N2}x as fast); target <= {TargetRatio}: {(ratio <= TargetRatio ? "met" : "NOT met")}."));
            return ratio <= TargetRatio ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<IngestedDataset> Ingest(IObjectStore store, long rowsPerYear, int seed) =>
        new GdeltDatasetBuilder(store, new GdeltYearSources(store), NullLogger<GdeltDatasetBuilder>.Instance).BuildAsync(new IngestDataset
        {
            ExperimentId = Guid.NewGuid(),
            Source = new DataSourceSpec { Kind = DataSourceKind.Generated, Location = null, RowsPerYear = rowsPerYear, Seed = seed },
            Bucket = Bucket,
            Prefix = "gdelt",
        }, progress: null, CancellationToken.None);

    /// <summary>The notebook's CreateTrainingJob, but for the train channel's distribution.</summary>
    private static CreateTrainingJobRequest Request(string name, string distribution, IngestedDataset dataset) => new()
    {
        TrainingJobName = name,
        AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = Image, TrainingInputMode = "File" },
        RoleArn = "arn:aws:iam::000000000000:role/headline",
        HyperParameters = new Dictionary<string, string>
        {
            ["feature_dim"] = dataset.FeatureDim.ToString(CultureInfo.InvariantCulture),
            ["mini_batch_size"] = "500",
            ["predictor_type"] = "regressor",
            ["epochs"] = "2",
            ["num_models"] = "32",
            ["loss"] = "absolute_loss",
        },
        InputDataConfig =
        [
            BenchmarkSageMaker.Channel("train", dataset.TrainPrefix, distribution),
            BenchmarkSageMaker.Channel("validation", dataset.ValidationPrefix, DistributionTypes.FullyReplicated),
        ],
        OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{Bucket}/output" },
        ResourceConfig = new ResourceConfig { InstanceType = "ml.c4.2xlarge", InstanceCount = 5, VolumeSizeInGB = 10 },
        StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
    };

    private static async Task<HeadlineJobFigures> Measure(BenchmarkSageMaker sageMaker, string name)
    {
        var job = await sageMaker.CompletedAsync(name);

        double? mse = null;
        var span = await LogSpan.SecondsAsync(sageMaker.Logs, BenchmarkSageMaker.TrainingLogGroup, name, message =>
        {
            if (message.StartsWith(MseMarker, StringComparison.Ordinal))
                mse = double.Parse(message.AsSpan(MseMarker.Length), CultureInfo.InvariantCulture);
        });

        return new HeadlineJobFigures(span, job.TrainingTimeInSeconds, job.BillableTimeInSeconds,
            mse ?? throw new InvalidOperationException($"No '{MseMarker}' line in {name}'s logs."));
    }
}
