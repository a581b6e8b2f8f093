using System.CommandLine;
using Pipeline.Cli;
using Spectre.Console;

using var interrupts = new ConsoleInterrupts();
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
// No arguments: run the default experiment, the one command a newcomer needs.
string[] command = args.Length == 0 ? ["run"] : args;
return await PipelineCommandLine.Create(AnsiConsole.Console).Parse(command).InvokeAsync(invocation, interrupts.FirstInterrupt);
