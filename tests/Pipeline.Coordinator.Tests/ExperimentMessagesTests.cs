using Pipeline.Contracts;

namespace Pipeline.Coordinator.Tests;

public sealed class ExperimentMessagesTests
{
    private static ExperimentState Saga(ExperimentSpec spec)
    {
        var id = Guid.NewGuid();
        return new ExperimentState
        {
            CorrelationId = id,
            Spec = spec,
            Dataset = Datasets.Small(),
            Variants = spec.Variants.Select(v => new VariantProgress
            {
                Name = v.Name,
                TrainDistribution = v.TrainDistribution,
                InstanceCount = v.InstanceCount ?? 5,
                Names = ResourceNames.For(id, v.Name),
            }).ToList(),
        };
    }

    [Theory]
    [InlineData("sagemaker/demo")]
    [InlineData("sagemaker/demo/")]
    public void Training_writes_its_model_under_the_experiment_prefix_with_one_slash(string prefix)
    {
        var saga = Saga(Specs.Valid() with { Prefix = prefix });

        var command = ExperimentMessages.StartTraining(saga, saga.Variants[0]);

        Assert.Equal("s3://pipeline-tests/sagemaker/demo/", command.OutputPath);
    }

    [Fact]
    public void Each_variant_trains_under_its_own_name_distribution_and_instance_count()
    {
        var saga = Saga(Specs.Valid(variants: 3));
        var tenHosts = saga.Variant("sharded-ten")!;

        var command = ExperimentMessages.StartTraining(saga, tenHosts);

        Assert.Equal(10, command.InstanceCount);
        Assert.Equal(DistributionTypes.ShardedByS3Key, command.TrainDistribution);
        Assert.Equal(tenHosts.Names.TrainingJob, command.TrainingJobName);
        Assert.Equal(Datasets.Small().TrainPrefix, command.TrainPrefix);
        Assert.Equal(saga.CorrelationId, command.ExperimentId);
    }

    [Fact]
    public void Training_and_hosting_carry_the_specs_tags_and_the_pipelines_experiment_and_variant()
    {
        var saga = Saga(Specs.Valid() with { Tags = new Dictionary<string, string> { ["team"] = "ml-platform" } });
        var variant = saga.Variants[1];
        variant.Training = new TrainingJobCompleted
        {
            ExperimentId = saga.CorrelationId, Variant = variant.Name, TrainingJobName = variant.Names.TrainingJob, ModelArtifactUri = "s3://b/model.tar.gz",
            InstanceCount = 5, LogSpanSeconds = 1, TrainingTimeInSeconds = 2, BillableTimeInSeconds = 2,
        };

        foreach (var tags in new[] { ExperimentMessages.StartTraining(saga, variant).Tags, ExperimentMessages.Deploy(saga, variant).Tags })
        {
            Assert.Equal("ml-platform", tags["team"]);
            Assert.Equal(PipelineTags.System, tags[PipelineTags.Pipeline]);
            Assert.Equal(saga.CorrelationId.ToString(), tags[PipelineTags.ExperimentId]);
            Assert.Equal(variant.Name, tags[PipelineTags.Variant]);
        }
    }

    [Fact]
    public void A_model_is_deployed_from_its_own_training_artifact_and_torn_down_by_the_same_names()
    {
        var saga = Saga(Specs.Valid());
        var variant = saga.Variants[1];
        variant.Training = new TrainingJobCompleted
        {
            ExperimentId = saga.CorrelationId,
            Variant = variant.Name,
            TrainingJobName = variant.Names.TrainingJob,
            ModelArtifactUri = "s3://pipeline-tests/out/sharded/model.tar.gz",
            InstanceCount = 5,
            LogSpanSeconds = 12.5,
            TrainingTimeInSeconds = 40,
            BillableTimeInSeconds = 40,
        };

        var deploy = ExperimentMessages.Deploy(saga, variant);
        var teardown = ExperimentMessages.Teardown(saga, variant);

        Assert.Equal("s3://pipeline-tests/out/sharded/model.tar.gz", deploy.ModelArtifactUri);
        Assert.Equal((deploy.ModelName, deploy.EndpointConfigName, deploy.EndpointName),
            (teardown.ModelName, teardown.EndpointConfigName, teardown.EndpointName));
    }

    [Fact]
    public void Deploying_a_variant_that_has_not_trained_is_refused()
    {
        var saga = Saga(Specs.Valid());

        var error = Assert.Throws<InvalidOperationException>(() => ExperimentMessages.Deploy(saga, saga.Variants[0]));
        Assert.Contains(saga.Variants[0].Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prepared_dataset_skips_ingestion_with_the_specs_locations()
    {
        var prepared = new PreparedDatasetSpec
        {
            TrainPrefix = "s3://b/train/",
            ValidationPrefix = "s3://b/validation/",
            TestObject = "s3://b/test/1984.data",
            FeatureDim = 25,
        };
        var spec = Specs.Valid() with { Data = new DataSourceSpec { Prepared = prepared } };

        var dataset = ExperimentMessages.PreparedDataset(spec);

        Assert.True(dataset.Prepared);
        Assert.Equal((prepared.TrainPrefix, prepared.ValidationPrefix, prepared.TestObject, prepared.FeatureDim),
            (dataset.TrainPrefix, dataset.ValidationPrefix, dataset.TestObject, dataset.FeatureDim));
    }
}
