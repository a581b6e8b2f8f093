using Pipeline.Cli.Output;
using Pipeline.Cli.Tests.Output.Report;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

public class When_showing_a_scaling_sweep
{
    /// <summary>Replicated at 1, 2 and 4 instances (100, 60, 40 s); sharded at 1 and 4 (100, 30 s); billed = span x instances.</summary>
    private static ExperimentReport Sweep()
    {
        VariantReport Variant(string type, string shortName, int instances, double logSpan, double mse)
        {
            var template = Reports.TwoVariants().Variants[0];
            return template with
            {
                Variant = $"{shortName}-{instances}",
                TrainDistribution = type,
                InstanceCount = instances,
                TrainingJobName = $"{shortName}-{instances}-job",
                LogSpanSeconds = logSpan,
                BillableTimeInSeconds = (int)logSpan,
                BilledSeconds = (long)logSpan * instances,
                Metrics = template.Metrics with { Mse = mse },
            };
        }

        return Reports.TwoVariants() with
        {
            Baseline = "replicated-1",
            Variants =
            [
                Variant("FullyReplicated", "replicated", 1, 100, 2.0),
                Variant("FullyReplicated", "replicated", 2, 60, 2.0),
                Variant("FullyReplicated", "replicated", 4, 40, 2.0),
                Variant("ShardedByS3Key", "sharded", 1, 100, 2.0),
                Variant("ShardedByS3Key", "sharded", 4, 30, 2.3),
            ],
        };
    }

    [Fact]
    public void Each_distribution_type_is_a_series_by_instance_count_with_the_ideal_one_over_n()
    {
        var series = ScalingView.From(Sweep());

        Assert.Equal(["FullyReplicated", "ShardedByS3Key"], series.Select(s => s.TrainDistribution));
        var replicated = series[0].Points;
        Assert.Equal([1, 2, 4], replicated.Select(p => p.Instances));
        Assert.Equal([100.0, 50.0, 25.0], replicated.Select(p => p.IdealLogSpanSeconds));
        Assert.Equal([100.0, 60.0, 40.0], replicated.Select(p => p.LogSpanSeconds));
        Assert.Equal([100L, 120L, 160L], replicated.Select(p => p.BilledSeconds));
        Assert.Equal([100.0, 25.0], series[1].Points.Select(p => p.IdealLogSpanSeconds));
    }

    [Fact]
    public void A_type_trained_at_one_count_is_no_series_and_without_a_sweep_there_is_no_view()
    {
        var oneSharded = Sweep() with { Variants = [.. Sweep().Variants.Where(v => v.Variant != "sharded-4")] };

        Assert.Equal(["FullyReplicated"], ScalingView.From(oneSharded).Select(s => s.TrainDistribution));
        Assert.Empty(ScalingView.From(Reports.TwoVariants()));
    }

    [Fact]
    public void The_console_adds_a_row_per_type_and_count()
    {
        var console = new TestConsole();
        new OutcomeView(console.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = Sweep() });

        Assert.Contains(console.Lines, l => l.Contains("Scaling with instances", StringComparison.Ordinal));
        var replicatedAt4 = Assert.Single(console.Lines, l => Cells(l) is [_, "4", "40.0", "25.0", "160", _] or ["4", "40.0", "25.0", "160", _]);
        Assert.Single(console.Lines, l => Cells(l) is ["FullyReplicated", "1", "100.0", "100.0", "100", _]);
        Assert.Single(console.Lines, l => Cells(l) is ["ShardedByS3Key", "1", "100.0", "100.0", "100", _]);
        Assert.Equal(2.0, double.Parse(Cells(replicatedAt4)[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_console_table_fits_80_columns_without_breaking_a_name()
    {
        var console = new TestConsole(width: 80);
        console.Console.Write(ScalingTable.Render(ScalingView.From(Sweep()), unicode: true));

        Assert.All(console.Lines, l => Assert.True(l.Length <= 80, $"{l.Length} characters: {l}"));
        Assert.Single(console.Lines, l => Cells(l) is ["FullyReplicated", "1", ..]);
        Assert.Single(console.Lines, l => Cells(l) is ["ShardedByS3Key", "1", ..]);
    }

    [Fact]
    public void Variants_too_many_for_80_columns_are_compared_in_several_tables_that_fit()
    {
        // The last variant, in the second table, needs far more decimals than the others.
        var report = Sweep() with { Variants = [.. Sweep().Variants.SkipLast(1), Sweep().Variants[^1] with { Metrics = Sweep().Variants[^1].Metrics with { Mse = 0.00012 } }] };
        var console = new TestConsole(width: 80);
        new OutcomeView(console.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = report });

        Assert.All(console.Lines, l => Assert.True(l.Length <= 80, $"{l.Length} characters: {l}"));
        Assert.Contains(console.Lines, l => l.Contains("(1 of 2)", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("(2 of 2)", StringComparison.Ordinal));
        foreach (var variant in Sweep().Variants)
            Assert.Contains(console.Lines, l => Cells(l).Contains(variant.Variant) || Cells(l).Contains($"{variant.Variant} (baseline)"));
        // One precision per measure across the tables: the first table's 2.0 takes the decimals 0.00012 needs.
        var mse = console.Lines.Where(l => Cells(l) is ["MSE", ..]).SelectMany(l => Cells(l).Skip(1)).ToList();
        Assert.Equal(5, mse.Count);
        Assert.Single(mse.Select(m => m.Length - m.IndexOf('.', StringComparison.Ordinal)).Distinct());
        Assert.Equal(0.00012, double.Parse(mse[^1], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
    }

    [Fact]
    public void The_report_page_draws_measured_and_ideal_lines_for_each_type()
    {
        var page = RenderedPage.Of(Sweep());

        var section = page.Section("Scaling with instances");
        var lines = section.Descendants(RenderedPage.Svg + "polyline").ToList();
        // Three panels (time, billed, MSE) measured; the first two also ideal.
        Assert.Equal(6, lines.Count(l => (string?)l.Attribute("class") == "measured"));
        Assert.Equal(4, lines.Count(l => (string?)l.Attribute("class") == "ideal"));
        var replicatedTime = lines.First(l => (string?)l.Attribute("class") == "measured" && (string?)l.Attribute("data-distribution") == "FullyReplicated");
        Assert.Equal(3, ((string)replicatedTime.Attribute("points")!).Split(' ').Length);
        Assert.Contains("ideal 1/n", RenderedPage.Words(section), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_page_of_two_variants_has_no_scaling_section()
    {
        var page = RenderedPage.Of(Reports.TwoVariants());

        Assert.DoesNotContain(page.Document.Descendants(RenderedPage.Html + "h2"), h => h.Value == "Scaling with instances");
    }

    private static string[] Cells(string line) =>
        line.Split('│', '|').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
}
