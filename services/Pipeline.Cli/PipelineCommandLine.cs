using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli.Commands;
using Spectre.Console;

namespace Pipeline.Cli;

public static class PipelineCommandLine
{
    /// <param name="console">Where every command writes.</param>
    /// <param name="addAdapters">Registers port implementations in the embedded host (see EmbeddedHost).</param>
    /// <param name="clock">Timestamps of the plain progress lines.</param>
    public static RootCommand Create(IAnsiConsole console, Action<IServiceCollection>? addAdapters = null, TimeProvider? clock = null) =>
        new("Runs SageMaker data-distribution experiments (FullyReplicated vs ShardedByS3Key) and compares them.")
        {
            new RunCommand(console, addAdapters, clock ?? TimeProvider.System),
            new ValidateCommand(console),
            new SpecCommand(console),
            new GenerateCommand(console),
            new CleanCommand(console, clock ?? TimeProvider.System),
            new UpCommand(console),
            new ChaosCommand(console, clock ?? TimeProvider.System),
            new SweepCommand(console, clock ?? TimeProvider.System),
        };

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A usage error (unknown option, a value that does not parse) is
    /// printed as System.CommandLine prints it and exits 2, as the shell's builtins do, not with its own 1, which
    /// here means "the experiment failed".
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand command, string[] args, InvocationConfiguration invocation,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parsed = command.Parse(args);
        var exitCode = await parsed.InvokeAsync(invocation, cancellationToken);
        return parsed.Errors.Count > 0 ? ExitCodes.InvalidSpec : exitCode;
    }
}
