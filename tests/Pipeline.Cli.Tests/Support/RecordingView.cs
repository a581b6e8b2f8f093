using System.Collections.Concurrent;
using Pipeline.Cli.Output;
using Pipeline.Cli.Progress;

namespace Pipeline.Cli.Tests.Support;

/// <summary>Keeps every change the run reports, and lets a test act on one.</summary>
public sealed class RecordingView(Action<string>? onChange = null) : IProgressView
{
    public ConcurrentQueue<string> Changes { get; } = new();

    public Task FollowAsync(ExperimentProgress progress, Func<Action<string?>, Task> follow) =>
        follow(change =>
        {
            if (change is null)
                return;
            Changes.Enqueue(change);
            onChange?.Invoke(change);
        });
}
