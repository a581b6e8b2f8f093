using Spectre.Console;

namespace Pipeline.Cli.Output;

public static class ConsoleText
{
    /// <summary>Writes a line as is: no markup, no wrapping at the console width (logs and pipes read it whole).</summary>
    public static void WriteUnwrapped(this IAnsiConsole console, string line) => console.Profile.Out.Writer.WriteLine(line);
}
