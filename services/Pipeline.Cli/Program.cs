using System.CommandLine;
using Pipeline.Cli;
using Pipeline.Cli.Output;

using var signals = new TerminationSignals();
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
// No arguments: run the default experiment, the one command a newcomer needs.
string[] command = args.Length == 0 ? ["run"] : args;
var exitCode = await PipelineCommandLine.InvokeAsync(PipelineCommandLine.Create(TerminalConsole.ForThisProcess()), command, invocation, signals.FirstSignal);
return signals.ExitCodeFor(exitCode);
