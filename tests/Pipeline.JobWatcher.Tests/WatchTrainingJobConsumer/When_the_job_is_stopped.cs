using Pipeline.Contracts;
using static Pipeline.JobWatcher.Tests.ScriptedTrainingJobDescriber;

namespace Pipeline.JobWatcher.Tests;

public sealed class When_the_job_is_stopped
{
    [Fact]
    public async Task By_its_max_runtime_publishes_stopped_naming_the_stopping_condition()
    {
        var describer = new ScriptedTrainingJobDescriber(Running("Training"), Ended("Stopped", "MaxRuntimeExceeded"));
        await using var watcher = await JobWatcherHarness.StartAsync(describer);

        await watcher.Watch(JobWatcherHarness.WatchOf("sharded-0123456789abcdef0123456789abcdef"));

        var failed = await watcher.SinglePublished<TrainingJobFailed>();
        Assert.Equal("Stopped", failed.Status);
        Assert.Equal("MaxRuntimeExceeded", failed.SecondaryStatus);
        Assert.Contains("MaxRuntimeExceeded", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("MaxRuntimeInSeconds", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(watcher.PublishedSoFar<TrainingJobCompleted>());
    }

    [Fact]
    public async Task By_request_keeps_watching_while_stopping_then_publishes_stopped()
    {
        var describer = new ScriptedTrainingJobDescriber(Running("Training"), Running("Stopping", status: "Stopping"), Ended("Stopped", "Stopped"));
        await using var watcher = await JobWatcherHarness.StartAsync(describer);

        await watcher.Watch(JobWatcherHarness.WatchOf("sharded-0123456789abcdef0123456789abcdef"));

        var failed = await watcher.SinglePublished<TrainingJobFailed>();
        Assert.Equal("Stopped", failed.Status);
        Assert.Equal("Stopped by request", failed.Reason);
        Assert.Equal(["Training", "Stopping"], watcher.PublishedSoFar<TrainingJobStatusChanged>().Select(e => e.SecondaryStatus));
        Assert.Equal(3, describer.Calls);
    }
}
