using Pipeline.Cli.Progress;
using Spectre.Console;

namespace Pipeline.Cli.Output;

/// <summary>One timestamped line per change: for logs, pipes and CI.</summary>
public sealed class PlainProgressView(IAnsiConsole console, TimeProvider clock) : IProgressView
{
    public Task FollowAsync(ExperimentProgress progress, Func<Action<string?>, Task> follow) =>
        follow(change =>
        {
            if (change is not null)
                console.WriteUnwrapped($"{clock.GetLocalNow():HH:mm:ss} [{progress.ChangeStage}] {change}");
        });
}
