using System.CommandLine;
using Pipeline.Cli.Checks;
using Pipeline.Cli.Distributed;
using Pipeline.Cli.Output;
using Pipeline.Cli.Specs;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline up`: the distributed system on this machine, every service a process of its own, until Ctrl+C.</summary>
internal sealed class UpCommand : Command
{
    private readonly IAnsiConsole _console;

    private readonly Option<string> _folder = new("--folder")
    {
        Description = "Where the processes' logs and LocalSageMaker's work folders go.",
        DefaultValueFactory = _ => Path.Combine("runs", "up"),
    };

    public UpCommand(IAnsiConsole console)
        : base("up", "Starts moto_server (SQS, SNS, DynamoDB, S3), LocalSageMaker and the Coordinator and five workers as "
            + "separate processes on loopback, and stops them all on Ctrl+C or SIGTERM. Start experiments with "
            + "`pipeline run --transport sqs` from another shell.")
    {
        _console = console;
        Options.Add(_folder);
        SetAction((parseResult, stop) => UpAsync(parseResult.GetValue(_folder)!, stop));
    }

    private async Task<int> UpAsync(string folder, CancellationToken stop)
    {
        if (WritableFolder.Problem(folder) is { } unwritable)
        {
            _console.WriteUnwrapped($"Cannot start: the folder {unwritable}");
            return ExitCodes.InvalidConfiguration;
        }

        _console.WriteUnwrapped("pipeline up: every service in a process of its own, over SQS on moto_server, on loopback");
        var (topology, cannotStart) = await ProcessTopology.StartOnConsoleAsync(folder, _console, stop);
        if (topology is null)
            return cannotStart;

        await using (topology)
        {
            _console.WriteUnwrapped($"Logs in {Path.Combine(topology.Folder, "logs")}. Start an experiment from another shell:");
            // moto takes any credentials, but the SDK needs some to sign with (without them it searches for a role).
            _console.WriteUnwrapped($"  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test Messaging__SqsTransport__ServiceUrl={topology.MotoUrl} pipeline run --transport sqs");
            _console.WriteUnwrapped("ready: Ctrl+C or SIGTERM stops them all.");

            while (!stop.IsCancellationRequested)
            {
                if (topology.FirstEnded() is { } ended)
                {
                    _console.WriteUnwrapped($"{ended.Name} exited with code {ended.ExitCode}; stopping the others. Its log: {ended.LogFile}");
                    _console.WriteUnwrapped(ended.Tail());
                    return ExitCodes.Failed;
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
                }
                catch (OperationCanceledException)
                {
                }
            }

            _console.WriteUnwrapped("stopping every process ...");
        }

        _console.WriteUnwrapped("stopped.");
        return ExitCodes.Cancelled;
    }
}
