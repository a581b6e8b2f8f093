using System.Text.RegularExpressions;
using Pipeline.Cli.Output;
using Pipeline.Cli.Tests.Output.Report;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

/// <summary>Spans too short to measure and differences below the precision shown get no ratio and no direction.</summary>
public sealed class When_comparing_on_small_data
{
    private static string Console(ExperimentReport report)
    {
        var console = new TestConsole(80);
        new OutcomeView(console.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = report });
        return Regex.Replace(console.Output, @"\s+", " ");
    }

    private static string Headline(ExperimentReport report) => RenderedPage.Words(RenderedPage.Of(report).Headline);

    [Fact]
    public void Spans_under_a_second_are_too_short_to_compare_in_the_console()
    {
        var text = Console(SmallData.Report());

        Assert.Contains("too short to compare: 0.0 s vs 0.4 s", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d[x×] (faster|slower)", text);
        Assert.DoesNotContain("9.78", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Spans_under_a_second_are_too_short_to_compare_on_the_page()
    {
        var page = RenderedPage.Of(SmallData.Report());
        var headline = RenderedPage.Words(page.Headline);

        Assert.Contains("too short to compare: 0.0 s vs 0.4 s", headline, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d[x×] (faster|slower)", headline);
        Assert.Contains("too short training speed-up", headline, StringComparison.Ordinal);
        Assert.Equal("too short", page.Cell("Speed-up", "sharded"));
    }

    [Fact]
    public void Spans_less_than_a_second_apart_show_no_measurable_difference()
    {
        var report = SmallData.Report(replicatedSpan: 1.9, shardedSpan: 1.3);

        Assert.Contains("no measurable difference: 1.3 s vs 1.9 s", Console(report), StringComparison.Ordinal);
        Assert.Contains("no measurable difference: 1.3 s vs 1.9 s", Headline(report), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d[x×] (faster|slower)", Headline(report));
    }

    [Fact]
    public void Mses_equal_at_the_shown_precision_have_no_direction()
    {
        var report = SmallData.Report(shardedMse: 4.52671);

        var headline = Headline(report);
        Assert.Contains("no difference at the shown precision (4.5267 vs 4.5267)", headline, StringComparison.Ordinal);
        Assert.DoesNotContain("lower (better)", headline, StringComparison.Ordinal);
        Assert.DoesNotContain("higher (worse)", headline, StringComparison.Ordinal);
        Assert.Contains("no difference in test MSE at the shown precision (4.5267 vs 4.5267)", Console(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_difference_under_a_tenth_of_a_percent_is_not_called_zero_percent()
    {
        var headline = Headline(SmallData.Report(shardedMse: 4.5260));

        Assert.Contains("its test MSE is less than 0.1 % lower (better)", headline, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0 %", headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_enough_spans_still_get_their_ratio()
    {
        var report = SmallData.Report(replicatedSpan: 40, shardedSpan: 10);

        Assert.Contains("trained 4.0x faster than FullyReplicated (log span 10.0 s vs 40.0 s)", Console(report), StringComparison.Ordinal);
        Assert.Contains("trained 4.00× faster than", Headline(report), StringComparison.Ordinal);
    }
}
