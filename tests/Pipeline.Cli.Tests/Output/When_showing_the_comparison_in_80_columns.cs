using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Cli.Output;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

/// <summary>The comparison as a CI log shows it: a terminal of 80 columns, the default run's two variants and job names.</summary>
public sealed class When_showing_the_comparison_in_80_columns
{
    private const int Width = 80;
    private static readonly char[] Borders = ['│', '|'];

    private readonly TestConsole _console = new(Width);

    /// <summary>Reports.Realistic with the job names a default run gives: the variant, a hyphen and the experiment id.</summary>
    private static ExperimentReport DefaultRun(Func<VariantReport, VariantReport>? change = null)
    {
        var report = Reports.Realistic();
        var experiment = Guid.Parse("9b2e41c7-05d3-4a8e-b6f1-7c3d2e1a0f95");
        return report with
        {
            Variants = report.Variants
                .Select(v => v with { TrainingJobName = ResourceNames.For(experiment, v.Variant).TrainingJob })
                .Select(change ?? (v => v))
                .ToList(),
        };
    }

    private void Show(ExperimentReport report) =>
        new OutcomeView(_console.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = report });

    [Fact]
    public void No_line_is_wider_than_the_terminal()
    {
        Show(DefaultRun());

        Assert.All(_console.Lines, l => Assert.True(l.Length <= Width, $"{l.Length} characters: {l}"));
        Assert.True(_console.Lines.Count > 17, "the table and the headline are there");
    }

    public static TheoryData<string, double> Figures() => new()
    {
        // The measure's row and how far the figure shown may be from the report's value.
        { "Instances", 0 }, { "Log span (s)", 0.05 }, { "TrainingTimeInSeconds", 0 }, { "Billed (s)", 0 },
        { "MSE", 5e-5 }, { "RMSE", 5e-5 }, { "MAE", 5e-5 }, { "R2", 5e-5 }, { "Invocations", 0 },
        { "Latency p50 (ms)", 0.05 }, { "Latency p95 (ms)", 0.05 }, { "Latency p99 (ms)", 0.05 }, { "Rows/s", 0.5 },
        { "Speed-up", 0.005 }, { "MSE ratio", 0.005 },
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void Every_figure_of_every_variant_is_in_its_measures_row_right_aligned(string measure, double tolerance)
    {
        var report = DefaultRun();
        Show(report);

        var cells = Cells(measure);
        Assert.Equal(report.Variants.Count, cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var expected = Expected(measure, report.Variants[i]);
            var shown = double.Parse(cells[i].Trim().TrimEnd('x'), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(shown - expected) <= tolerance + 1e-9 * Math.Abs(expected),
                $"{measure} of {report.Variants[i].Variant}: shows '{cells[i].Trim()}', the report says {expected:R}");
            AssertRightAligned(cells[i]);
        }
    }

    [Fact]
    public void Names_and_distributions_are_shown_and_long_job_names_keep_the_variant_and_the_last_6_characters()
    {
        var report = DefaultRun();
        Show(report);

        Assert.Equal(report.Variants.Select(v => v.TrainDistribution), Cells("Distribution").Select(c => c.Trim()));
        var jobs = Cells("Training job").Select(c => c.Trim()).ToList();
        for (var i = 0; i < jobs.Count; i++)
        {
            var full = report.Variants[i].TrainingJobName;
            Assert.True(jobs[i] == full || (jobs[i].StartsWith(report.Variants[i].Variant + "-", StringComparison.Ordinal)
                                            && jobs[i].EndsWith(full[^6..], StringComparison.Ordinal)
                                            && jobs[i].Length < full.Length), $"'{jobs[i]}' for {full}");
        }

        Assert.Contains(_console.Lines, l => l.Contains("replicated (baseline)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_terminal_without_unicode_gets_ascii_borders_and_ellipses()
    {
        _console.Console.Profile.Capabilities.Unicode = false;
        var report = DefaultRun();
        Show(report);

        Assert.All(_console.Lines, l => Assert.True(l.Length <= Width && l.All(char.IsAscii), l));
        Assert.Equal($"sharded-...{report.Variants[1].TrainingJobName[^6..]}", Cells("Training job")[1].Trim());
    }

    [Fact]
    public void A_wide_terminal_shows_job_names_whole()
    {
        var wide = new TestConsole(250);
        var report = DefaultRun();

        new OutcomeView(wide.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = report });

        Assert.All(report.Variants, v => Assert.Contains(v.TrainingJobName, wide.Output, StringComparison.Ordinal));
    }

    [Fact]
    public void The_headline_says_how_much_faster_the_sharded_variant_trained_and_at_what_mse_ratio()
    {
        var report = DefaultRun();
        Show(report);

        // The sentence may wrap: read the output as one line.
        var text = Regex.Replace(_console.Output, @"\s+", " ");
        var match = Regex.Match(text,
            @"(\w+) trained ([\d.]+)x faster than (\w+) \(log span ([\d.,]+) s vs ([\d.,]+) s\) at ([\d.]+)x its test MSE\.");
        Assert.True(match.Success, text);
        var replicated = report.Variants.Single(v => v.Variant == "replicated");
        var sharded = report.Variants.Single(v => v.Variant == "sharded");
        Assert.Equal("ShardedByS3Key", match.Groups[1].Value);
        Assert.Equal("FullyReplicated", match.Groups[3].Value);
        Assert.Equal(replicated.LogSpanSeconds / sharded.LogSpanSeconds, Number(match.Groups[2]), 0.05);
        Assert.Equal(sharded.LogSpanSeconds, Number(match.Groups[4]), 0.05);
        Assert.Equal(replicated.LogSpanSeconds, Number(match.Groups[5]), 0.05);
        Assert.Equal(sharded.Metrics.Mse / replicated.Metrics.Mse, Number(match.Groups[6]), 0.005);
    }

    [Fact]
    public void A_slower_variant_is_called_slower()
    {
        // Swap the roles: the sharded variant took 4x as long.
        var report = Reports.TwoVariants();
        var replicated = report.Variants[0];
        var sharded = report.Variants[1] with { LogSpanSeconds = 1600, SpeedUp = replicated.LogSpanSeconds / 1600 };
        Show(report with { Variants = [replicated, sharded] });

        Assert.Contains("ShardedByS3Key trained 4.0x slower than FullyReplicated", Regex.Replace(_console.Output, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_figures_show_as_not_available_and_unmeasured_timings_add_no_rows()
    {
        var report = DefaultRun(v => v.Variant == "sharded"
            ? v with { Metrics = v.Metrics with { R2 = double.NaN, Latency = null, RowsPerSecond = null } }
            : v);
        Show(report);

        Assert.Equal("n/a", Cells("R2")[1].Trim());
        Assert.Equal("n/a", Cells("Latency p50 (ms)")[1].Trim());
        Assert.Equal("n/a", Cells("Rows/s")[1].Trim());

        var untimed = new TestConsole(Width);
        new OutcomeView(untimed.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = Reports.TwoVariants() });
        Assert.DoesNotContain("Latency", untimed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows/s", untimed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_baseline_there_is_no_comparison()
    {
        var report = Reports.TwoVariants() with { Baseline = null };
        Show(report with { Variants = report.Variants.Select(v => v with { SpeedUp = null, MseRatio = null }).ToList() });

        Assert.Contains("no baseline", _console.Output, StringComparison.Ordinal);
        Assert.Equal(["n/a", "n/a"], Cells("Speed-up").Select(c => c.Trim()));
    }

    private static double Expected(string measure, VariantReport v) => measure switch
    {
        "Instances" => v.InstanceCount,
        "Log span (s)" => v.LogSpanSeconds,
        "TrainingTimeInSeconds" => v.TrainingTimeInSeconds,
        "Billed (s)" => v.BilledSeconds,
        "MSE" => v.Metrics.Mse,
        "RMSE" => v.Metrics.Rmse,
        "MAE" => v.Metrics.Mae,
        "R2" => v.Metrics.R2,
        "Invocations" => v.Metrics.Invocations,
        "Latency p50 (ms)" => v.Metrics.Latency!.P50Ms,
        "Latency p95 (ms)" => v.Metrics.Latency!.P95Ms,
        "Latency p99 (ms)" => v.Metrics.Latency!.P99Ms,
        "Rows/s" => v.Metrics.RowsPerSecond!.Value,
        "Speed-up" => v.SpeedUp!.Value,
        "MSE ratio" => v.MseRatio!.Value,
        _ => throw new ArgumentException(measure),
    };

    /// <summary>The variants' cells of the row that starts with <paramref name="measure"/>, padding included.</summary>
    private List<string> Cells(string measure)
    {
        var row = Assert.Single(_console.Lines, l => l.Split(Borders) is { Length: > 2 } c && c[1].Trim() == measure);
        return row.Split(Borders)[2..^1].ToList(); // before the first border, the measure, ..., after the last border
    }

    private static void AssertRightAligned(string cell) =>
        Assert.True(cell.Length >= 2 && cell[^1] == ' ' && cell[^2] != ' ', $"'{cell}' is not right-aligned");

    private static double Number(Group group) => double.Parse(group.Value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
