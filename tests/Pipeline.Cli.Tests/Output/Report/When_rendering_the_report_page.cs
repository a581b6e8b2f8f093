using System.Globalization;
using System.Xml.Linq;
using Pipeline.Cli.Output.Report;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using static Pipeline.Cli.Tests.Output.Report.RenderedPage;

namespace Pipeline.Cli.Tests.Output.Report;

public sealed class When_rendering_the_report_page : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_page_parses_as_xml_and_loads_nothing_from_outside()
    {
        var page = RenderedPage.Of(Reports.Realistic(), Reports.GeneratedYears);

        Assert.StartsWith("<!DOCTYPE html>", page.Text, StringComparison.Ordinal);
        Assert.Equal(Html + "html", page.Document.Root!.Name);
        Assert.DoesNotContain(page.Document.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
        foreach (var reference in page.Document.Descendants().Attributes().Where(a => a.Name.LocalName is "src" or "href"))
            Assert.True(reference.Value.StartsWith('#') || reference.Value.StartsWith("data:", StringComparison.Ordinal), reference.ToString());
        Assert.DoesNotContain(page.Document.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        var style = page.Document.Descendants(Html + "style").Single().Value;
        Assert.DoesNotContain("url(", style, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", style, StringComparison.OrdinalIgnoreCase);
        // Training time, host timeline, MSE, predicted vs actual.
        Assert.Equal(4, page.Svgs.Count());
    }

    [Fact]
    public void Empty_html_elements_get_an_end_tag_html_parsers_understand()
    {
        var page = RenderedPage.Of(Reports.Realistic());

        // <span class="swatch" /> would open a span that swallows the rest of the cell in an HTML parser.
        Assert.Contains("class=\"swatch\"", page.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<(?!meta|rect|line|circle)[a-z]+\b[^>]*/>", page.Text);
    }

    [Fact]
    public void A_hostile_experiment_or_variant_name_is_shown_as_text_not_markup()
    {
        const string name = "</title><script>alert(\"x\")</script> & <b>";
        const string variant = "<img src=x onerror=alert(1)>";
        var report = Reports.Realistic() with { Name = name };
        report = report with { Variants = [report.Variants[0] with { Variant = variant }, report.Variants[1]], Baseline = variant };

        var page = RenderedPage.Of(report);

        Assert.DoesNotContain("<script", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", page.Text, StringComparison.Ordinal);
        Assert.Equal(name, page.Document.Descendants(Html + "h1").Single().Value);
        Assert.Contains(name, page.Document.Descendants(Html + "title").Single().Value, StringComparison.Ordinal);
        Assert.Contains(page.Rects("host-span"), r => (string?)r.Attribute("data-variant") == variant);
    }

    [Fact]
    public void The_table_shows_every_figure_of_every_variant()
    {
        var report = Reports.Realistic();
        var page = RenderedPage.Of(report);

        foreach (var v in report.Variants)
        {
            var m = v.Metrics;
            var expected = new Dictionary<string, string>
            {
                ["Distribution"] = v.TrainDistribution,
                ["Instances"] = v.InstanceCount.ToString(Invariant),
                ["Training job"] = v.TrainingJobName,
                ["Training time (log span)"] = Math.Round(v.LogSpanSeconds, 1).ToString("0.0", Invariant),
                ["TrainingTimeInSeconds"] = v.TrainingTimeInSeconds.ToString(Invariant),
                ["Billed seconds (all instances)"] = v.BilledSeconds.ToString("#,0", Invariant),
                ["MSE"] = m.Mse.ToString("F4", Invariant),
                ["RMSE"] = m.Rmse.ToString("F4", Invariant),
                ["MAE"] = m.Mae.ToString("F4", Invariant),
                ["R²"] = m.R2.ToString("F4", Invariant),
                ["Invocations"] = m.Invocations.ToString(Invariant),
                ["Latency p50"] = Math.Round(m.Latency!.P50Ms, 1).ToString("0.0", Invariant),
                ["Latency p95"] = Math.Round(m.Latency.P95Ms, 1).ToString("0.0", Invariant),
                ["Latency p99"] = Math.Round(m.Latency.P99Ms, 1).ToString("0.0", Invariant),
                ["Rows scored per second"] = Math.Round(m.RowsPerSecond!.Value).ToString("#,0", Invariant),
                ["Speed-up"] = Math.Round(v.SpeedUp!.Value, 2).ToString("0.00", Invariant) + "×",
                ["MSE ratio"] = Math.Round(v.MseRatio!.Value, 2).ToString("0.00", Invariant) + "×",
            };
            foreach (var (measure, value) in expected)
                Assert.True(page.Cell(measure, v.Variant) == value, $"{v.Variant} {measure}: {page.Cell(measure, v.Variant)} instead of {value}");
        }
    }

    [Fact]
    public void The_headline_gives_the_speed_up_the_mse_ratio_and_the_billing_against_the_baseline()
    {
        var report = Reports.Realistic();
        var baseline = report.Variants.Single(v => v.TrainDistribution == DistributionTypes.FullyReplicated);
        var sharded = report.Variants.Single(v => v.TrainDistribution == DistributionTypes.ShardedByS3Key);

        var headline = Words(RenderedPage.Of(report).Headline);

        var speedUp = baseline.LogSpanSeconds / sharded.LogSpanSeconds;
        var mseRatio = sharded.Metrics.Mse / baseline.Metrics.Mse;
        var billedRatio = (double)sharded.BilledSeconds / baseline.BilledSeconds;
        Assert.Contains($"ShardedByS3Key (sharded) trained {speedUp.ToString("0.00", Invariant)}× faster than FullyReplicated (replicated)", headline, StringComparison.Ordinal);
        Assert.Contains($"{mseRatio.ToString("0.00", Invariant)}× MSE ratio", headline, StringComparison.Ordinal);
        Assert.Contains($"{((mseRatio - 1) * 100).ToString("0.0", Invariant)} % higher", headline, StringComparison.Ordinal);
        Assert.Contains($"{billedRatio.ToString("0.00", Invariant)}× billed seconds ratio", headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_baseline_the_headline_says_there_is_nothing_to_compare_against()
    {
        var report = Reports.Realistic() with { Baseline = null };
        report = report with { Variants = [.. report.Variants.Select(v => v with { SpeedUp = null, MseRatio = null })] };

        var page = RenderedPage.Of(report);

        Assert.Contains("no baseline", page.Headline.Value, StringComparison.Ordinal);
        Assert.Equal("n/a", page.Cell("Speed-up", "sharded"));
    }

    [Fact]
    public void The_dataset_summary_gives_years_rows_by_reason_splits_and_feature_dim()
    {
        var report = Reports.Realistic();
        var counts = report.Dataset.Counts!;

        var summary = RenderedPage.Of(report, Reports.GeneratedYears).Section("Dataset");
        var facts = summary.Descendants(Html + "dt").ToDictionary(dt => dt.Value, dt => Words(dt.ElementsAfterSelf().First()));

        Assert.Equal($"{Reports.GeneratedYears.TrainingYears.Min()}–{Reports.GeneratedYears.TrainingYears.Max()}", facts["Training years"]);
        Assert.Equal(Reports.GeneratedYears.TestYear.ToString(Invariant), facts["Test year"]);
        Assert.Equal(counts.RowsRead.ToString("#,0", Invariant), facts["Rows read"]);
        Assert.Equal(counts.RowsKept.ToString("#,0", Invariant), facts["Rows kept"]);
        Assert.StartsWith(counts.Dropped.Values.Sum().ToString("#,0", Invariant), facts["Rows dropped"], StringComparison.Ordinal);
        var reasons = summary.Descendants(Html + "li").Select(Words).ToList();
        foreach (var (reason, rows) in counts.Dropped)
            Assert.Contains($"{rows.ToString("#,0", Invariant)} {reason}", reasons);
        Assert.Equal(string.Join(" / ", new[] { counts.TrainRows, counts.ValidationRows, counts.TestRows }.Select(n => n.ToString("#,0", Invariant))),
            facts["Train / validation / test rows"]);
        Assert.Equal(report.Dataset.FeatureDim.ToString(Invariant), facts["feature_dim"]);
    }

    [Fact]
    public void The_timeline_has_one_bar_per_host_as_long_as_its_span_and_placed_from_the_first_event()
    {
        var report = Reports.Realistic();
        var hosts = report.Variants.SelectMany(v => v.Hosts).ToList();
        var origin = hosts.Min(h => h.FirstEvent);

        var bars = RenderedPage.Of(report).Rects("host-span").ToDictionary(r => (string)r.Attribute("data-stream")!);

        Assert.Equal(hosts.Count, bars.Count);
        var x0 = bars.Values.Min(b => Number(b, "x"));
        var pixelsPerSecond = bars.Values.Max(b => Number(b, "width")) / hosts.Max(h => (h.LastEvent - h.FirstEvent).TotalSeconds);
        foreach (var host in hosts)
        {
            var bar = bars[host.LogStreamName];
            Assert.Equal((host.LastEvent - host.FirstEvent).TotalSeconds * pixelsPerSecond, Number(bar, "width"), 0.02);
            Assert.Equal(x0 + (host.FirstEvent - origin).TotalSeconds * pixelsPerSecond, Number(bar, "x"), 0.02);
        }
    }

    [Fact]
    public void Training_time_and_mse_bars_are_as_long_as_their_values()
    {
        var report = Reports.Realistic();
        var page = RenderedPage.Of(report);

        void Proportional(string measure, Func<VariantReport, double> value)
        {
            var bars = page.Rects("bar").Where(b => (string?)b.Attribute("data-measure") == measure).ToList();
            Assert.Equal(report.Variants.Count, bars.Count);
            var widths = report.Variants.Select(v => Number(bars.Single(b => (string?)b.Attribute("data-variant") == v.Variant), "width") / value(v)).ToList();
            Assert.All(widths, w => Assert.Equal(widths[0], w, 0.01));
        }

        Proportional("log span", v => v.LogSpanSeconds);
        Proportional("TrainingTimeInSeconds", v => v.TrainingTimeInSeconds);
        Proportional("test MSE", v => v.Metrics.Mse);
    }

    [Fact]
    public void Every_chart_draws_a_variant_in_the_same_colour_and_variants_in_different_ones()
    {
        var report = Reports.Realistic();
        var page = RenderedPage.Of(report);

        var colours = report.Variants.Select(v =>
        {
            var fills = page.Document.Descendants()
                .Where(e => (string?)e.Attribute("data-variant") == v.Variant && e.Name.Namespace == Svg)
                .SelectMany(e => e.DescendantsAndSelf())
                .Select(e => (string?)e.Attribute("fill"))
                .OfType<string>()
                .Distinct()
                .ToList();
            return Assert.Single(fills);
        }).ToList();

        Assert.Equal(colours.Count, colours.Distinct().Count());
    }

    [Fact]
    public void The_scatter_plot_draws_every_sampled_point_and_the_identity_line()
    {
        var report = Reports.Realistic(samplePoints: 250);

        var chart = RenderedPage.Of(report).Section("Predicted against actual");

        foreach (var v in report.Variants)
        {
            var points = chart.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-variant") == v.Variant);
            Assert.Equal(v.Metrics.Sample.Count, points.Elements(Svg + "circle").Count());
        }

        Assert.Equal(report.Variants.Count, chart.Descendants(Svg + "line").Count(l => (string?)l.Attribute("class") == "identity"));
    }

    [Fact]
    public void Undefined_or_missing_values_show_as_not_available()
    {
        var report = Reports.Realistic();
        var sharded = report.Variants[1];
        report = report with
        {
            Variants =
            [
                report.Variants[0],
                sharded with
                {
                    SpeedUp = null, MseRatio = double.NaN,
                    Metrics = sharded.Metrics with { R2 = double.NaN, Mse = double.NaN, Latency = null, RowsPerSecond = null },
                },
            ],
        };

        var page = RenderedPage.Of(report);

        foreach (var measure in new[] { "R²", "MSE", "Latency p50", "Latency p99", "Rows scored per second", "Speed-up", "MSE ratio" })
            Assert.Equal("n/a", page.Cell(measure, "sharded"));
        Assert.NotEqual("n/a", page.Cell("Latency p50", "replicated"));
        Assert.DoesNotContain(page.Rects("bar"), b => (string?)b.Attribute("data-measure") == "test MSE" && (string?)b.Attribute("data-variant") == "sharded");
        Assert.Contains("n/a", page.Section("Test error").Value, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_rows_are_left_out_when_no_variant_was_timed()
    {
        var report = Reports.TwoVariants();

        var page = RenderedPage.Of(report);

        Assert.False(page.HasRow("Latency p50"));
        Assert.False(page.HasRow("Rows scored per second"));
        Assert.True(page.HasRow("Invocations"));
    }

    [Fact]
    public void Without_samples_or_host_streams_a_note_replaces_the_chart()
    {
        var report = Reports.TwoVariants();
        report = report with { Variants = [.. report.Variants.Select(v => v with { Hosts = [] })] };

        var page = RenderedPage.Of(report);

        Assert.Empty(page.Section("Per-host timeline").Descendants(Svg + "svg"));
        Assert.Empty(page.Section("Predicted against actual").Descendants(Svg + "svg"));
        Assert.Contains("No host log streams", page.Section("Per-host timeline").Value, StringComparison.Ordinal);
        Assert.Contains("No sample of predictions", page.Section("Predicted against actual").Value, StringComparison.Ordinal);
        Assert.Equal(2, page.Svgs.Count());
    }

    [Fact]
    public void A_variant_without_a_sample_or_hosts_gets_a_note_where_its_points_or_bars_would_be()
    {
        var report = Reports.Realistic();
        report = report with
        {
            Variants = [report.Variants[0], report.Variants[1] with { Hosts = [], Metrics = report.Variants[1].Metrics with { Sample = [] } }],
        };

        var page = RenderedPage.Of(report);

        Assert.Contains("No predictions were sampled for this variant", page.Section("Predicted against actual").Value, StringComparison.Ordinal);
        Assert.Contains("No log streams were recorded for this variant", page.Section("Per-host timeline").Value, StringComparison.Ordinal);
        Assert.Equal(report.Variants[0].Hosts.Count, page.Rects("host-span").Count());
    }

    [Fact]
    public async Task The_page_is_written_as_utf8_without_a_byte_order_mark_beside_the_json()
    {
        var folder = Path.Combine(_folder.Path, "run");

        var path = await ReportPage.WriteAsync(folder, Reports.Realistic(), Reports.GeneratedYears);

        Assert.Equal(Path.Combine(folder, "report.html"), path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal((byte)'<', bytes[0]);
        Assert.Contains("<meta charset=\"utf-8\" />", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
