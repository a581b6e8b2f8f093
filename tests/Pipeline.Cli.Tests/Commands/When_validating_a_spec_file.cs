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
}
