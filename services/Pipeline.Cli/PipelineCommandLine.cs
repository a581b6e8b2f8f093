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
        };
}
