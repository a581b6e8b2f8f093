using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>Usage errors exit 2, as the shell's own commands do; 1 means an experiment that failed.</summary>
public sealed class When_the_command_line_is_wrong
{
    [Theory]
    [InlineData("run --years abc", "abc")]
    [InlineData("run --years 1984-1979", "runs backwards")]
    [InlineData("run --rows-per-year 1e12", "1e12")]
    [InlineData("run --instances many", "many")]
    [InlineData("run --instances 1,two", "'two'")]
    [InlineData("run --bogus", "--bogus")]
    [InlineData("frobnicate", "frobnicate")]
    [InlineData("generate --years 1979 --out x --rows-per-year -5", "-5")]
    [InlineData("clean --older-than soon", "soon")]
    [InlineData("sweep --older-than 0d", "'0d'")]
    [InlineData("sweep --unknown-after 99999999d", "'99999999d'")]
    public async Task It_exits_2_saying_what_is_wrong(string commandLine, string mentions)
    {
        var result = await Run(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(mentions, result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Console.Lines);
    }
}
