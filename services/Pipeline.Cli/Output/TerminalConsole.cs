using Spectre.Console;

namespace Pipeline.Cli.Output;

/// <summary>
/// The console the CLI writes to: plain text, without colours or any other escape code, when the output goes to a
/// file or a pipe or NO_COLOR is set (https://no-color.org); Spectre's own detection would still write bold codes.
/// </summary>
public static class TerminalConsole
{
    public static IAnsiConsole ForThisProcess() =>
        Create(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"));

    public static IAnsiConsole Create(TextWriter output, bool outputRedirected, string? noColor)
    {
        var plain = outputRedirected || !string.IsNullOrEmpty(noColor);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
    }
}
