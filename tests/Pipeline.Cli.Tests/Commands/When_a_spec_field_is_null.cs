using Pipeline.Cli.Tests.Support;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>`"data": null` and the like in a spec file: exit 2 and every null field listed, not a NullReferenceException.</summary>
public sealed class When_a_spec_field_is_null : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("data", "Data is null")]
    [InlineData("training", "Training is null")]
    [InlineData("variants", "Variants is null")]
    [InlineData("tags", "Tags is null")]
    public async Task Run_exits_2_naming_it(string field, string problem)
    {
        var file = _folder.File("spec.json", $$"""{ "{{field}}": null }""");

        var (exitCode, console) = await Run(["run", "--spec", file, "--out", Path.Combine(_folder.Path, "out")]);

        Assert.Equal(2, exitCode);
        Assert.Equal("The experiment spec is not valid:", console.Lines[0]);
        Assert.Contains(console.Lines, l => l.StartsWith($"  - {problem}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_with_options_lists_every_null_field_at_once()
    {
        var file = _folder.File("spec.json", """{ "data": null, "training": null, "variants": null, "tags": null }""");

        var (exitCode, console) = await Run(["run", "--spec", file, "--instances", "2", "--years", "1979-1981", "--out", Path.Combine(_folder.Path, "out")]);

        Assert.Equal(2, exitCode);
        foreach (var problem in new[] { "Data is null", "Training is null", "Variants is null", "Tags is null" })
            Assert.Contains(console.Lines, l => l.StartsWith($"  - {problem}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_lists_it()
    {
        var file = _folder.File("spec.json", """{ "bucket": "my-experiments", "roleArn": "arn:aws:iam::123456789012:role/R", "data": null }""");

        var (exitCode, console) = await Run(["validate", file]);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Data is null", Assert.Single(console.Lines), StringComparison.Ordinal);
    }
}
