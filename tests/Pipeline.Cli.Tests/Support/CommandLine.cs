using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Cli.Tests.Support;

/// <summary>Runs the real command tree with a test console, as `pipeline &lt;args&gt;` would.</summary>
public static class CommandLine
{
    public static async Task<CommandResult> Run(string[] args, Action<IServiceCollection>? addAdapters = null, TimeProvider? clock = null)
    {
        var console = new TestConsole();
        var errors = new StringWriter();
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, Output = new StringWriter(), Error = errors };
        var exitCode = await PipelineCommandLine.InvokeAsync(PipelineCommandLine.Create(console.Console, addAdapters, clock), args, invocation);
        return new CommandResult(exitCode, console, errors.ToString());
    }
}

/// <param name="Errors">What System.CommandLine itself wrote (usage errors).</param>
public sealed record CommandResult(int ExitCode, TestConsole Console, string Errors)
{
    public void Deconstruct(out int exitCode, out TestConsole console)
    {
        exitCode = ExitCode;
        console = Console;
    }
}
