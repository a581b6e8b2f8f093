using System.Text.RegularExpressions;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Report;
using Pipeline.Cli.Tests.Output.Report;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

/// <summary>Both sides of a measure are written alike, and percentiles appear only where the sample supports them.</summary>
public sealed class When_writing_figures_at_one_precision
{
    private static List<string> ConsoleCells(ExperimentReport report, string measure)
    {
        var console = new TestConsole(80);
        new OutcomeView(console.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = report });
        var row = Assert.Single(console.Lines, l => l.Split('│', '|') is { Length: > 2 } c && c[1].Trim() == measure);
        return row.Split('│', '|')[2..^1].Select(c => c.Trim()).ToList();
    }

    [Fact]
    public void A_metric_keeps_its_trailing_zeros_so_both_variants_show_the_same_decimals()
    {
        var report = SmallData.Report(shardedMse: 4.526);

        Assert.Equal(["4.5267", "4.5260"], ConsoleCells(report, "MSE"));
        Assert.Equal(["0.3969", "0.3970"], ConsoleCells(report, "R2"));
        var page = RenderedPage.Of(report);
        Assert.Equal("4.5260", page.Cell("MSE", "sharded"));
        Assert.Equal("0.3970", page.Cell("R²", "sharded"));
        Assert.Contains("test MSE 4.5260 against 4.5267", RenderedPage.Words(page.Headline), StringComparison.Ordinal);
    }

    [Fact]
    public void Small_metrics_get_enough_decimals_for_four_significant_digits()
    {
        Assert.Equal(6, ReportNumbers.DecimalsFor([0.001234, 12.5]));
        Assert.Equal(4, ReportNumbers.DecimalsFor([4.5267, 0, double.NaN, null]));
    }

    [Fact]
    public void Percentiles_the_sample_cannot_support_show_n_instead_of_a_figure()
    {
        var report = Reports.Realistic();
        report = report with
        {
            Variants = report.Variants.Select(v => v with { Metrics = v.Metrics with { Invocations = 7 } }).ToList(),
        };

        Assert.All(ConsoleCells(report, "Latency p95 (ms)"), c => Assert.Equal("n/a (n=7)", c));
        Assert.All(ConsoleCells(report, "Latency p99 (ms)"), c => Assert.Equal("n/a (n=7)", c));
        Assert.All(ConsoleCells(report, "Latency p50 (ms)"), c => Assert.Matches(@"^\d+\.\d$", c));
        var page = RenderedPage.Of(report);
        Assert.Equal("n/a (n=7)", page.Cell("Latency p99", "sharded"));
        Assert.Equal("n/a (n=7)", page.Cell("Latency p95", "sharded"));
    }

    [Fact]
    public void P95_needs_20_invocations_and_p99_100()
    {
        var report = Reports.Realistic();
        report = report with
        {
            Variants = report.Variants.Select(v => v with { Metrics = v.Metrics with { Invocations = 20 } }).ToList(),
        };

        Assert.All(ConsoleCells(report, "Latency p95 (ms)"), c => Assert.Matches(@"^\d+\.\d$", c));
        Assert.All(ConsoleCells(report, "Latency p99 (ms)"), c => Assert.Equal("n/a (n=20)", c));
        var console = new TestConsole(250);
        new OutcomeView(console.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = report });
        Assert.Contains("p95 needs at least 20 invocations, p99 needs at least 100 invocations", Regex.Replace(console.Output, @"\s+", " "), StringComparison.Ordinal);
    }
}
