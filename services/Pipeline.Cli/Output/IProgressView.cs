using Pipeline.Cli.Progress;

namespace Pipeline.Cli.Output;

/// <summary>Shows an experiment while it runs. <c>follow</c> reports each change (null: nothing changed).</summary>
public interface IProgressView
{
    Task FollowAsync(ExperimentProgress progress, Func<Action<string?>, Task> follow);
}
