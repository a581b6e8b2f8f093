using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Ingestor.Sales;
using Pipeline.Storage;

namespace Pipeline.Benchmarks;

/// <summary>
/// `headline --algorithm xgboost [--instances 15] [--stores 10] [--items 30] [--days 1000] [--rounds 100]`: the XGBoost
/// blog's experiment on generated store-item sales (one CSV file per series): the built-in XGBoost with the blog's
/// hyperparameters on 15 simulated hosts, train channel FullyReplicated and ShardedByS3Key, both jobs created at once.
/// Prints each job's log span (latest minus earliest event over its hosts' streams, as the notebook's get_train_timing
/// measures), TrainingTimeInSeconds, billable seconds and final validation:rmse (FinalMetricDataList), and the ratio
/// sharded/replicated. No target: the blog gives none; the figures are the comparison.
/// </summary>
internal static class XGBoostHeadlineBenchmark
{
    private const string Bucket = "headline";

    public static async Task<int> RunAsync(HeadlineBenchmarkOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-xgboost-headline-").FullName;
        try
        {
            await using var sageMaker = BenchmarkSageMaker.Start(folder, options.MaxConcurrentJobs);
            var sales = new SalesDataSpec { Stores = options.Stores, Items = options.Items, Days = options.Days };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"XGBoost headline benchmark: {sales.Stores} stores x {sales.Items} items x {sales.Days} days of generated sales, seed {options.Seed}; "
                + $"{options.Instances} hosts, {options.Rounds} rounds; {Environment.ProcessorCount} cores, {options.MaxConcurrentJobs} training job(s) at a time."));
            var clock = Stopwatch.StartNew();
            var dataset = await Ingest(sageMaker.Store, sales, options.Seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generated in {clock.Elapsed.TotalSeconds:N1} s: {dataset.Counts?.TrainRows:N0} train rows in {sales.Stores * sales.Items:N0} files, {dataset.Counts?.ValidationRows:N0} validation rows, {dataset.FeatureDim} features."));

            var (replicated, sharded) = await HeadlineJobs.RunBothAsync(sageMaker, "xgb", (name, distribution) => Request(name, distribution, dataset, options),
                name => Measure(sageMaker, name));
            var ratio = HeadlineJobs.Print("validation:rmse", 17, replicated, sharded);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ratio sharded/replicated (log spans): {ratio:N3} ({1 / ratio:N2}x as fast); validation RMSE sharded/replicated: {sharded.ValidationMetric / replicated.ValidationMetric:N3}."));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<IngestedDataset> Ingest(IObjectStore store, SalesDataSpec sales, int seed) =>
        new SalesDatasetBuilder(store, new GdeltYearSources(store), NullLogger<SalesDatasetBuilder>.Instance).BuildAsync(new IngestDataset
        {
            ExperimentId = Guid.NewGuid(),
            Source = new DataSourceSpec { Kind = DataSourceKind.GeneratedSales, Location = null, Sales = sales, Seed = seed },
            Bucket = Bucket,
            Prefix = "m5_store_items",
        }, progress: null, CancellationToken.None);

    /// <summary>The blog's CreateTrainingJob (its channel content type "csv"), with a validation channel for the RMSE.</summary>
    private static CreateTrainingJobRequest Request(string name, string distribution, IngestedDataset dataset, HeadlineBenchmarkOptions options) => new()
    {
        TrainingJobName = name,
        AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = XGBoostBlog.Image, TrainingInputMode = "File" },
        RoleArn = "arn:aws:iam::000000000000:role/headline",
        HyperParameters = XGBoostBlog.HyperParameters(options.Rounds),
        InputDataConfig =
        [
            BenchmarkSageMaker.Channel("train", dataset.TrainPrefix, distribution, "csv"),
            BenchmarkSageMaker.Channel("validation", dataset.ValidationPrefix, DistributionTypes.FullyReplicated, "csv"),
        ],
        OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{Bucket}/m5_store_items/" },
        ResourceConfig = new ResourceConfig { InstanceType = XGBoostBlog.InstanceType, InstanceCount = options.Instances, VolumeSizeInGB = 10 },
        StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = XGBoostBlog.MaxRuntimeInSeconds },
    };

    private static async Task<HeadlineJobFigures> Measure(BenchmarkSageMaker sageMaker, string name)
    {
        var job = await sageMaker.CompletedAsync(name);
        var rmse = job.FinalMetricDataList?.FirstOrDefault(m => m.MetricName == "validation:rmse")?.Value
            ?? throw new InvalidOperationException($"{name} has no final validation:rmse.");
        var span = await LogSpan.SecondsAsync(sageMaker.Logs, BenchmarkSageMaker.TrainingLogGroup, name);
        return new HeadlineJobFigures(span, job.TrainingTimeInSeconds, job.BillableTimeInSeconds, rmse);
    }
}
