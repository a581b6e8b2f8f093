using System.CommandLine;
using Pipeline.Cli;
using Spectre.Console;

using var interrupts = new ConsoleInterrupts();
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await PipelineCommandLine.Create(AnsiConsole.Console).Parse(args).InvokeAsync(invocation, interrupts.FirstInterrupt);
