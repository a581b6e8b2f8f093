using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Cli.Output;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

public sealed class When_writing_the_report : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Report_json_holds_the_whole_report_indented()
    {
        var report = Reports.TwoVariants(shardedR2: double.NaN);
        var folder = Path.Combine(_folder.Path, "runs", "one");

        var path = await ReportFile.WriteAsync(folder, report);

        Assert.Equal(Path.Combine(folder, "report.json"), path);
        var json = await File.ReadAllTextAsync(path);
        Assert.Contains("\n  \"", json, StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<ExperimentReport>(json, Web)!;
        Assert.Equal(report.Baseline, read.Baseline);
        Assert.Equal(report.Variants.Select(v => v.TrainingJobName), read.Variants.Select(v => v.TrainingJobName));
        Assert.Equal(4.0, read.Variants[1].SpeedUp);
        Assert.Equal(800, read.Variants[1].BilledSeconds);
        Assert.True(double.IsNaN(read.Variants[1].Metrics.R2));
        Assert.Equal(report.Variants[1].Hosts, read.Variants[1].Hosts);
        Assert.Equal(report.Dataset.Counts!.TestRows, read.Dataset.Counts!.TestRows);
    }
}
