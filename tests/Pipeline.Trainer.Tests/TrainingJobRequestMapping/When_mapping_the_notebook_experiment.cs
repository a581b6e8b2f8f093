using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Aws.Json;
using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

/// <summary>
/// A default spec describes the seed notebook's experiment, so each variant's request must be the
/// notebook's common_training_params with its train-channel distribution (notebook, "Train").
/// </summary>
public sealed class When_mapping_the_notebook_experiment
{
    private const string Bucket = "experiment-bucket";
    private const string Role = "arn:aws:iam::123456789012:role/SageMakerRole";
    private const string Container = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1";

    [Theory]
    [InlineData("replicated", "FullyReplicated")]
    [InlineData("sharded", "ShardedByS3Key")]
    public void Request_is_the_notebooks_create_training_job_call(string variantName, string notebookDistribution)
    {
        var spec = new ExperimentSpec { Bucket = Bucket, RoleArn = Role };
        var variant = spec.Variants.Single(v => v.Name == variantName);
        var jobName = ResourceNames.For(Guid.NewGuid(), variant.Name).TrainingJob;

        var request = TrainingJobRequestMapping.ToRequest(CommandFor(spec, variant, jobName));

        var expected = NotebookRequest(jobName, notebookDistribution);
        var actual = JsonSerializer.SerializeToNode(request, AwsJson.SageMaker);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected\n{expected}\nbut got\n{actual}");
    }

    [Fact]
    public void A_csv_dataset_sets_both_channels_content_type_to_text_csv()
    {
        var request = TrainingJobRequestMapping.ToRequest(TrainerHarness.StartCommand() with { ContentType = DatasetContentTypes.Csv });

        Assert.Equal(["text/csv", "text/csv"], request.InputDataConfig!.Select(c => c.ContentType));
        Assert.Equal(["train", "validation"], request.InputDataConfig!.Select(c => c.ChannelName));
    }

    [Fact]
    public void Tags_become_key_value_pairs()
    {
        var command = TrainerHarness.StartCommand() with
        {
            Tags = new Dictionary<string, string> { ["experiment"] = "gdelt", ["owner"] = "ml-platform" },
        };

        var request = TrainingJobRequestMapping.ToRequest(command);

        Assert.Equal([("experiment", "gdelt"), ("owner", "ml-platform")], request.Tags!.Select(t => (t.Key!, t.Value!)).Order());
    }

    [Fact]
    public void No_tags_leave_the_member_out_as_SageMaker_wants()
    {
        var request = TrainingJobRequestMapping.ToRequest(TrainerHarness.StartCommand() with { Tags = new Dictionary<string, string>() });

        Assert.Null(request.Tags);
    }

    /// <summary>What the coordinator sends for a variant of the spec: the spec's values, the dataset's prefixes.</summary>
    private static StartTrainingJob CommandFor(ExperimentSpec spec, VariantSpec variant, string jobName) => new()
    {
        ExperimentId = Guid.NewGuid(),
        Variant = variant.Name,
        TrainingJobName = jobName,
        AlgorithmImage = spec.AlgorithmImage,
        RoleArn = spec.RoleArn,
        InstanceCount = spec.InstanceCountOf(variant),
        InstanceType = spec.Training.InstanceType,
        VolumeSizeInGB = spec.Training.VolumeSizeInGB,
        TrainPrefix = $"s3://{spec.Bucket}/{spec.Prefix}/train/",
        TrainDistribution = variant.TrainDistribution,
        ValidationPrefix = $"s3://{spec.Bucket}/{spec.Prefix}/validation/",
        OutputPath = $"s3://{spec.Bucket}/{spec.Prefix}/",
        HyperParameters = spec.HyperParameters,
        MaxRuntimeInSeconds = spec.Training.MaxRuntimeInSeconds,
        Tags = spec.Tags,
    };

    /// <summary>
    /// The notebook's parameters, written out. ContentType is the one addition: the notebook leaves it to linear
    /// learner's default, application/x-recordio-protobuf, which is what the dataset is.
    /// </summary>
    private static JsonNode NotebookRequest(string jobName, string trainDistribution)
    {
        const string prefix = "sagemaker/DEMO-data-distribution-types";
        return JsonNode.Parse($$"""
        {
          "TrainingJobName": "{{jobName}}",
          "RoleArn": "{{Role}}",
          "AlgorithmSpecification": { "TrainingImage": "{{Container}}", "TrainingInputMode": "File" },
          "ResourceConfig": { "InstanceCount": 5, "InstanceType": "ml.c4.2xlarge", "VolumeSizeInGB": 10 },
          "InputDataConfig": [
            {
              "ChannelName": "train",
              "DataSource": { "S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": "s3://{{Bucket}}/{{prefix}}/train/",
                "S3DataDistributionType": "{{trainDistribution}}" } },
              "ContentType": "application/x-recordio-protobuf",
              "CompressionType": "None",
              "RecordWrapperType": "None"
            },
            {
              "ChannelName": "validation",
              "DataSource": { "S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": "s3://{{Bucket}}/{{prefix}}/validation/",
                "S3DataDistributionType": "FullyReplicated" } },
              "ContentType": "application/x-recordio-protobuf",
              "CompressionType": "None",
              "RecordWrapperType": "None"
            }
          ],
          "OutputDataConfig": { "S3OutputPath": "s3://{{Bucket}}/{{prefix}}/" },
          "HyperParameters": {
            "feature_dim": "25",
            "mini_batch_size": "500",
            "predictor_type": "regressor",
            "epochs": "2",
            "num_models": "32",
            "loss": "absolute_loss"
          },
          "StoppingCondition": { "MaxRuntimeInSeconds": 3600 }
        }
        """)!;
    }
}
