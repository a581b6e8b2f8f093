using Pipeline.Cli.Tests.Support;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>
/// The options reach the spec before validation: each run here is made invalid through an option, so it stops
/// with exit code 2 before any host exists, and the problem printed shows the value the option set.
/// </summary>
public sealed class When_run_options_change_the_spec : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Years_set_the_training_years_and_the_last_one_as_test_year()
    {
        // 2001-2003 then 2002 again: 2002 becomes the test year while it is also a training year.
        var (exitCode, console) = await Run(["run", "--years", "2001-2003,2002"]);

        Assert.Equal(2, exitCode);
        var problem = Assert.Single(console.Lines, l => l.StartsWith("  - ", StringComparison.Ordinal));
        Assert.Contains("2002", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variants_make_one_variant_per_distribution()
    {
        var (exitCode, console) = await Run(["run", "--variants", "ShardedByS3Key,ManifestFile"]);

        Assert.Equal(2, exitCode);
        var problem = Assert.Single(console.Lines, l => l.StartsWith("  - ", StringComparison.Ordinal));
        Assert.Contains("ManifestFile", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_distribution_twice_is_two_identical_variants()
    {
        var (exitCode, console) = await Run(["run", "--variants", "ShardedByS3Key,shardedbys3key"]);

        Assert.Equal(2, exitCode);
        Assert.Contains(console.Lines, l => l.Contains("'sharded'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instances_set_the_cluster_size()
    {
        var (exitCode, console) = await Run(["run", "--instances", "21"]);

        Assert.Equal(2, exitCode);
        Assert.Contains(console.Lines, l => l.Contains("21", StringComparison.Ordinal) && l.Contains("InstanceCount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_instance_counts_sweep_and_a_bad_one_is_named_once()
    {
        var (exitCode, console) = await Run(["run", "--instances", "1,21"]);

        Assert.Equal(2, exitCode);
        Assert.Single(console.Lines, l => l.Contains("21", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("Training.InstanceCounts: 21 is not 1-20", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Data_switches_to_local_files_so_rows_per_year_no_longer_applies()
    {
        var (exitCode, console) = await Run(["run", "--data", _folder.Path, "--rows-per-year", "10"]);

        Assert.Equal(2, exitCode);
        Assert.Contains(console.Lines, l => l.Contains("--rows-per-year", StringComparison.Ordinal) && l.Contains("Local", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_per_year_set_the_generated_rows()
    {
        var (exitCode, console) = await Run(["run", "--rows-per-year", "0"]);

        Assert.Equal(2, exitCode);
        Assert.Contains(console.Lines, l => l.Contains("RowsPerYear", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_spec_file_that_cannot_be_read_stops_the_run()
    {
        var file = _folder.File("spec.json", "{ not json");

        var (exitCode, console) = await Run(["run", "--spec", file]);

        Assert.Equal(2, exitCode);
        Assert.Contains("spec.json", Assert.Single(console.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Years_that_are_not_years_are_a_usage_error()
    {
        var result = await Run(["run", "--years", "last-decade"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("last-decade", result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Console.Lines);
    }
}
