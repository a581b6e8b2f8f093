using System.Text.RegularExpressions;
using Pipeline.Cli.Output;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

/// <summary>A headline longer than the terminal breaks at spaces, never between a figure and its unit.</summary>
public sealed class When_wrapping_the_headline
{
    private static readonly Regex UnitFirst = new(@"^(ms|s|%|x|×)(\W|$)");

    [Fact]
    public void No_width_splits_a_figure_from_its_unit()
    {
        var report = Reports.Realistic();
        for (var width = 40; width <= 120; width++)
        {
            var console = new TestConsole(width);
            new OutcomeView(console.Console).Show(new ExperimentCompleted { ExperimentId = Guid.NewGuid(), Report = report });
            var lines = console.Lines;
            for (var i = 1; i < lines.Count; i++)
            {
                Assert.False(Regex.IsMatch(lines[i - 1], @"\d$") && UnitFirst.IsMatch(lines[i]),
                    $"at {width} columns a figure is split from its unit: '{lines[i - 1]}' / '{lines[i]}'");
            }

            Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        }
    }

    [Fact]
    public void Words_are_kept_whole_and_in_order()
    {
        const string sentence = "ShardedByS3Key trained 4.3x faster than FullyReplicated (log span 95.3 s vs 410.2 s) at 1.02x its test MSE.";

        var lines = Pipeline.Cli.Output.WordWrap.Lines(sentence, 30);

        Assert.Equal(sentence, string.Join(" ", lines));
        Assert.All(lines, l => Assert.True(l.Length <= 30, l));
        Assert.Contains(lines, l => l.Contains("95.3 s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("410.2 s)", StringComparison.Ordinal));
    }
}
