using Pipeline.Cli.Output;
using Spectre.Console;

namespace Pipeline.Cli.Tests.Output;

/// <summary>Redirected output and NO_COLOR get plain text: no colour, no bold, no escape code of any kind.</summary>
public sealed class When_writing_to_a_file_or_without_colour
{
    private static string Write(bool redirected, string? noColor)
    {
        var output = new StringWriter();
        var console = TerminalConsole.Create(output, redirected, noColor);
        console.MarkupLine("[bold]ShardedByS3Key[/] trained [yellow]4.0x[/] faster");
        console.Write(new Table().AddColumns("Variant").AddRow("[red]sharded[/]"));
        return output.ToString();
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "1")]
    [InlineData(true, "1")]
    public void No_escape_codes_are_written(bool redirected, string? noColor)
    {
        var text = Write(redirected, noColor);

        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("ShardedByS3Key trained 4.0x faster", text, StringComparison.Ordinal);
        Assert.Contains("sharded", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_is_plain_so_progress_is_shown_as_lines()
    {
        var console = TerminalConsole.Create(new StringWriter(), outputRedirected: false, noColor: "1");

        Assert.False(console.Profile.Capabilities.Ansi);
        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }
}
