using System.Globalization;
using System.Text.Json;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

public sealed class When_validating_a_spec_file : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_valid_spec_prints_valid_and_exits_0()
    {
        var file = _folder.File("spec.json", """{ "bucket": "my-experiments", "roleArn": "arn:aws:iam::123456789012:role/SageMaker" }""");

        var (exitCode, console) = await Run(["validate", file]);

        Assert.Equal(0, exitCode);
        Assert.Equal(["valid"], console.Lines);
    }

    [Fact]
    public async Task An_invalid_spec_prints_every_problem_on_its_own_line_and_exits_1()
    {
        var file = _folder.File("spec.json", """
            {
              "bucket": "My_Bucket",
              "roleArn": "admin",
              "training": { "instanceCount": 0 },
              "variants": [ { "name": "sharded", "trainDistribution": "Sharded" } ]
            }
            """);

        var (exitCode, console) = await Run(["validate", file]);

        Assert.Equal(1, exitCode);
        Assert.Equal(4, console.Lines.Count);
        Assert.Contains(console.Lines, l => l.Contains("My_Bucket", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("admin", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("Training.InstanceCount", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("'Sharded'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Broken_JSON_is_reported_with_its_line_and_exits_1()
    {
        var file = _folder.File("spec.json", "{\n  \"bucket\": \"my-experiments\",\n  \"roleArn\": ,\n  \"name\": \"x\"\n}");

        var (exitCode, console) = await Run(["validate", file]);

        Assert.Equal(1, exitCode);
        var message = Assert.Single(console.Lines);
        Assert.Contains("line 3", message, StringComparison.Ordinal);
        Assert.Contains("spec.json", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_reported_with_its_JSON_path()
    {
        var file = _folder.File("spec.json", """{ "training": { "instanceCount": "five" } }""");

        var (exitCode, console) = await Run(["validate", file]);

        Assert.Equal(1, exitCode);
        Assert.Contains("$.training.instanceCount", Assert.Single(console.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_field_is_reported_instead_of_ignored()
    {
        var file = _folder.File("spec.json", """{ "bucket": "my-experiments", "roleArn": "arn:aws:iam::123456789012:role/R", "trainng": { } }""");

        var (exitCode, console) = await Run(["validate", file]);

        Assert.Equal(1, exitCode);
        Assert.Contains("trainng", Assert.Single(console.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_variant_without_its_distribution_is_reported()
    {
        var file = _folder.File("spec.json", """{ "variants": [ { "name": "sharded" } ] }""");

        var (exitCode, console) = await Run(["validate", file]);

        Assert.Equal(1, exitCode);
        Assert.Contains("trainDistribution", Assert.Single(console.Lines), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_file_is_reported_and_exits_1()
    {
        var missing = Path.Combine(_folder.Path, "nowhere.json");

        var (exitCode, console) = await Run(["validate", missing]);

        Assert.Equal(1, exitCode);
        Assert.Contains("nowhere.json", Assert.Single(console.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printed_default_spec_is_valid_as_it_is()
    {
        var (specExit, spec) = await Run(["spec"]);
        var file = _folder.File("default.json", spec.Output);

        var (exitCode, console) = await Run(["validate", file]);

        Assert.Equal(0, specExit);
        Assert.Equal(0, exitCode);
        Assert.Equal(["valid"], console.Lines);
    }

    [Fact]
    public async Task The_printed_default_spec_runs_locally_on_generated_data()
    {
        var (_, console) = await Run(["spec"]);

        var spec = JsonSerializer.Deserialize<ExperimentSpec>(console.Output, JsonSerializerOptions.Web)!;

        Assert.Equal(DataSourceKind.Generated, spec.Data.Kind);
        Assert.Equal(1_000_000, spec.Data.RowsPerYear);
        Assert.Equal([1979, 1980, 1981, 1982, 1983], spec.Data.TrainingYears);
        Assert.Equal(1984, spec.Data.TestYear);
        Assert.Equal("arn:aws:iam::000000000000:role/pipeline-local", spec.RoleArn);
        Assert.False(string.IsNullOrEmpty(spec.Bucket));
    }

    [Fact]
    public async Task The_printed_xgboost_spec_is_the_blogs_set_up_and_valid()
    {
        var (specExit, printed) = await Run(["spec", "--algorithm", "xgboost"]);
        var (exitCode, console) = await Run(["validate", _folder.File("xgboost.json", printed.Output)]);

        Assert.Equal(0, specExit);
        Assert.Equal(0, exitCode);
        Assert.Equal(["valid"], console.Lines);
        var spec = JsonSerializer.Deserialize<ExperimentSpec>(printed.Output, JsonSerializerOptions.Web)!;
        // The blog: 15 x ml.m4.4xlarge, built-in XGBoost, its hyperparameters, scored by a batch transform on one ml.m4.xlarge.
        Assert.Equal((15, "ml.m4.4xlarge", 10, 18000),
            (spec.Training.InstanceCount, spec.Training.InstanceType, spec.Training.VolumeSizeInGB, spec.Training.MaxRuntimeInSeconds));
        Assert.Contains("xgboost", spec.AlgorithmImage, StringComparison.Ordinal);
        Assert.Equal("reg:tweedie", spec.HyperParameters["objective"]);
        Assert.Equal("1.5", spec.HyperParameters["tweedie_variance_power"]);
        Assert.Equal(("0.1", "5", "7", "0.7", "0.7", "0.2", "rmse"),
            (spec.HyperParameters["eta"], spec.HyperParameters["max_depth"], spec.HyperParameters["min_child_weight"],
                spec.HyperParameters["subsample"], spec.HyperParameters["colsample_bytree"], spec.HyperParameters["rate_drop"],
                spec.HyperParameters["eval_metric"]));
        Assert.True(int.Parse(spec.HyperParameters["num_round"], CultureInfo.InvariantCulture) is > 0 and < 3000);
        Assert.Equal(DataSourceKind.GeneratedSales, spec.Data.Kind);
        Assert.Equal([DistributionTypes.FullyReplicated, DistributionTypes.ShardedByS3Key], spec.Variants.Select(v => v.TrainDistribution));
        Assert.Equal((EvaluationMethods.BatchTransform, "ml.m4.xlarge", 1),
            (spec.Evaluation.Method, spec.Evaluation.TransformInstanceType, spec.Evaluation.TransformInstanceCount));
    }

    [Fact]
    public async Task An_unknown_algorithm_is_refused_naming_the_choices()
    {
        var result = await Run(["spec", "--algorithm", "kmeans"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("kmeans", result.Errors, StringComparison.Ordinal);
        Assert.Contains("xgboost", result.Errors, StringComparison.Ordinal);
    }
}
