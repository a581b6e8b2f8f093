using Pipeline.Contracts;

namespace Pipeline.Coordinator.Tests;

public sealed class When_every_variant_succeeds
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Sends_each_command_once_per_variant_and_completes(int variants)
    {
        await using var h = await CoordinatorHarness.StartAsync(Specs.Valid(variants));
        await h.DeployAll();
        foreach (var v in h.Spec.Variants)
            await h.Evaluated(v.Name, mse: 2.0);
        await h.WaitFor(m => m.TearingDown);
        foreach (var v in h.Spec.Variants)
            await h.Deleted(v.Name);
        await h.WaitFor(m => m.Completed);
        await h.Published<ExperimentCompleted>();

        Assert.Equal(1, h.SentCount<IngestDataset>());
        Assert.Equal(variants, h.SentCount<StartTrainingJob>());
        Assert.Equal(variants, h.SentCount<WatchTrainingJob>());
        Assert.Equal(variants, h.SentCount<DeployModel>());
        Assert.Equal(variants, h.SentCount<EvaluateEndpoint>());
        Assert.Equal(variants, h.SentCount<TeardownEndpoint>());
        Assert.Equal(0, h.SentCount<StopTrainingJob>());
        Assert.Equal(0, h.PublishedCount<ExperimentFailed>());

        var trained = (await h.Sent<StartTrainingJob>(variants)).Select(c => c.TrainingJobName).ToHashSet();
        var torn = (await h.Sent<TeardownEndpoint>(variants)).Select(c => c.EndpointName).ToHashSet();
        Assert.Equal(variants, trained.Count);
        Assert.Equal(h.Spec.Variants.Select(v => h.Names(v.Name).Endpoint).ToHashSet(), torn);
    }

    [Fact]
    public async Task Report_compares_each_variant_with_the_replicated_baseline()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.StartTraining();
        // Figures shaped like the notebook's result: sharded about 4 times as fast, slightly worse MSE.
        await h.TrainingCompleted("replicated", logSpan: 480, trainingTime: 600, billable: 590, instances: 5);
        await h.TrainingCompleted("sharded", logSpan: 125, trainingTime: 250, billable: 240, instances: 5);
        await h.WaitFor(m => m.Deploying);
        await h.InService("replicated");
        await h.InService("sharded");
        await h.WaitFor(m => m.Evaluating);
        await h.Evaluated("replicated", mse: 10.0);
        await h.Evaluated("sharded", mse: 10.5);
        await h.WaitFor(m => m.TearingDown);
        await h.Deleted("replicated");
        await h.Deleted("sharded");

        var report = (await h.Published<ExperimentCompleted>()).Report;
        Assert.Equal("replicated", report.Baseline);
        var replicated = report.Variants.Single(v => v.Variant == "replicated");
        var sharded = report.Variants.Single(v => v.Variant == "sharded");
        Assert.Equal(480, replicated.LogSpanSeconds);
        Assert.Equal(600, replicated.TrainingTimeInSeconds);
        Assert.Equal(590 * 5, replicated.BilledSeconds);
        Assert.Equal(240 * 5, sharded.BilledSeconds);
        Assert.Equal(480.0 / 125.0, sharded.SpeedUp!.Value, 12);
        Assert.Equal(1.0, replicated.SpeedUp!.Value, 12);
        Assert.Equal(10.5 / 10.0, sharded.MseRatio!.Value, 12);
        Assert.Equal(10.5, sharded.Metrics.Mse);
        Assert.Equal(h.Names("sharded").TrainingJob, sharded.TrainingJobName);
        Assert.Equal(DistributionTypes.ShardedByS3Key, sharded.TrainDistribution);
    }

    [Fact]
    public async Task Training_commands_carry_the_notebooks_parameters_and_the_variants_distribution()
    {
        await using var h = await CoordinatorHarness.StartAsync(Specs.Valid(3));
        await h.StartExperiment();
        await h.WaitFor(m => m.Ingesting);
        await h.Ingested();
        var commands = await h.Sent<StartTrainingJob>(3);

        var byVariant = commands.ToDictionary(c => c.Variant);
        Assert.Equal(DistributionTypes.FullyReplicated, byVariant["replicated"].TrainDistribution);
        Assert.Equal(DistributionTypes.ShardedByS3Key, byVariant["sharded"].TrainDistribution);
        Assert.Equal(5, byVariant["sharded"].InstanceCount);
        Assert.Equal(10, byVariant["sharded-ten"].InstanceCount);
        var first = commands[0];
        Assert.Equal("ml.c4.2xlarge", first.InstanceType);
        Assert.Equal(10, first.VolumeSizeInGB);
        Assert.Equal(3600, first.MaxRuntimeInSeconds);
        Assert.Equal("25", first.HyperParameters["feature_dim"]);
        Assert.Equal("500", first.HyperParameters["mini_batch_size"]);
        Assert.Equal("absolute_loss", first.HyperParameters["loss"]);
        Assert.Equal("s3://pipeline-tests/sagemaker/DEMO-data-distribution-types/", first.OutputPath);
        Assert.Equal(Datasets.Small().TrainPrefix, first.TrainPrefix);
    }

    [Fact]
    public async Task A_prepared_dataset_skips_ingestion()
    {
        var spec = Specs.Valid() with
        {
            Data = new DataSourceSpec
            {
                Prepared = new PreparedDatasetSpec
                {
                    TrainPrefix = "s3://prepared/train/",
                    ValidationPrefix = "s3://prepared/validation/",
                    TestObject = "s3://prepared/test/1984.data",
                },
            },
        };
        await using var h = await CoordinatorHarness.StartAsync(spec);
        await h.StartExperiment();
        await h.WaitFor(m => m.Training);

        var commands = await h.Sent<StartTrainingJob>(2);
        Assert.All(commands, c => Assert.Equal("s3://prepared/train/", c.TrainPrefix));
        Assert.All(commands, c => Assert.Equal("s3://prepared/validation/", c.ValidationPrefix));
        Assert.Equal(0, h.SentCount<IngestDataset>());
    }
}
