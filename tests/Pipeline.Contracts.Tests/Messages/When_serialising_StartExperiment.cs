using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Contracts;

namespace Pipeline.Contracts.Tests.Messages;

public class When_serialising_StartExperiment
{
    public static TheoryData<string> OptionSets => ["default", "web"];

    private static JsonSerializerOptions Options(string name) =>
        name == "web" ? new JsonSerializerOptions(JsonSerializerDefaults.Web) : new JsonSerializerOptions();

    /// <summary>Every field differs from its default, so a field the round trip loses shows up as a difference.</summary>
    private static StartExperiment Sample() => new()
    {
        ExperimentId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Spec = new ExperimentSpec
        {
            Name = "shards-vs-replicas",
            Data = new DataSourceSpec
            {
                TrainingYears = [1990, 1991],
                TestYear = 1992,
                Kind = DataSourceKind.Local,
                Location = "data/gdelt",
                RowsPerYear = 1234,
                Seed = 7,
                Sales = new SalesDataSpec { Stores = 3, Items = 4, Days = 400, ValidationDays = 14, TestDays = 7 },
                Prepared = new PreparedDatasetSpec
                {
                    TrainPrefix = "s3://b-1/train/",
                    ValidationPrefix = "s3://b-1/validation/",
                    TestObject = "s3://b-1/test.csv",
                    FeatureDim = 12,
                    ContentType = DatasetContentTypes.Csv,
                },
            },
            Bucket = "b-1",
            Prefix = "experiments/one",
            RoleArn = "arn:aws:iam::123456789012:role/R",
            AlgorithmImage = "example/linear-learner:2",
            Training = new TrainingSpec { InstanceCount = 3, InstanceType = "ml.m5.large", VolumeSizeInGB = 30, MaxRuntimeInSeconds = 600, InstanceCounts = [1, 3] },
            HyperParameters = new Dictionary<string, string>
            {
                ["feature_dim"] = "12",
                ["mini_batch_size"] = "100",
                ["predictor_type"] = "binary_classifier",
                ["epochs"] = "3",
                ["num_models"] = "auto",
                ["loss"] = "logistic",
                ["wd"] = "0.01",
            },
            Variants =
            [
                new VariantSpec { Name = "sharded-3", TrainDistribution = DistributionTypes.ShardedByS3Key, InstanceCount = 3 },
                new VariantSpec { Name = "replicated-1", TrainDistribution = DistributionTypes.FullyReplicated, InstanceCount = 1 },
                new VariantSpec { Name = "sharded-default", TrainDistribution = DistributionTypes.ShardedByS3Key },
            ],
            Endpoint = new EndpointSpec { InstanceType = "ml.t2.medium", InstanceCount = 2 },
            Evaluation = new EvaluationSpec { Method = EvaluationMethods.BatchTransform, TransformInstanceType = "ml.c5.large", TransformInstanceCount = 3 },
            Timeouts = new StageTimeouts
            {
                Ingestion = TimeSpan.FromMinutes(11),
                Training = TimeSpan.FromSeconds(1234.5),
                Deploy = TimeSpan.FromMinutes(13),
                Evaluation = TimeSpan.FromMinutes(14),
                Teardown = TimeSpan.FromMinutes(15),
            },
            Tags = new Dictionary<string, string> { ["team"] = "ml", ["cost-centre"] = "42" },
        },
    };

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Every_field_survives_a_round_trip(string optionSet)
    {
        var options = Options(optionSet);
        var json = JsonSerializer.Serialize(Sample(), options);

        var back = JsonSerializer.Deserialize<StartExperiment>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Equal(Sample().ExperimentId, back.ExperimentId);
        Assert.Equal(TimeSpan.FromSeconds(1234.5), back.Spec.Timeouts.Training);
        Assert.Equal(DataSourceKind.Local, back.Spec.Data.Kind);
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Enums_travel_as_names(string optionSet)
    {
        var json = JsonSerializer.Serialize(Sample(), Options(optionSet));

        Assert.Contains("\"Local\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_differs_from_the_defaults_in_every_field()
    {
        // Guards the round-trip test: a field left at its default could be lost without the JSON changing.
        var defaults = JsonSerializer.SerializeToNode(new ExperimentSpec())!;
        var sample = JsonSerializer.SerializeToNode(Sample().Spec)!;

        var same = Leaves(defaults, "$").Where(leaf => JsonNode.DeepEquals(leaf.Node, Find(sample, leaf.Path))).Select(l => l.Path).ToList();

        Assert.Empty(same);
        Assert.True(Leaves(defaults, "$").Count() > 20, "the walk should see every field of the spec");
    }

    private static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonNode? node, string path) => node switch
    {
        JsonObject o when o.Count > 0 => o.SelectMany(p => Leaves(p.Value, $"{path}.{p.Key}")),
        JsonArray a when a.Count > 0 => a.SelectMany((item, i) => Leaves(item, $"{path}[{i}]")),
        _ => [(path, node)],
    };

    private static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var step in path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.'))
        {
            node = step.StartsWith('[')
                ? node is JsonArray a && int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture) is var i && i < a.Count ? a[i] : null
                : node is JsonObject o ? o[step] : null;
        }

        return node;
    }
}
