using Spectre.Console;

namespace Pipeline.Cli.Tests.Support;

/// <summary>A console that writes plain text into a string: not interactive, no colours, by default wide enough not to wrap.</summary>
public sealed class TestConsole
{
    private readonly StringWriter _writer = new();

    public TestConsole(int width = 250)
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        Console.Profile.Width = width;
    }

    public IAnsiConsole Console { get; }

    public string Output => _writer.ToString();

    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
}
