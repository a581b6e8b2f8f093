using Pipeline.Contracts;
using static Pipeline.JobWatcher.Tests.ScriptedTrainingJobDescriber;

namespace Pipeline.JobWatcher.Tests;

public sealed class When_the_job_fails
{
    [Fact]
    public async Task Publishes_failed_with_sagemakers_failure_reason()
    {
        const string reason = "ClientError: Unable to initialize the algorithm. Failed to validate input data configuration.";
        var describer = new ScriptedTrainingJobDescriber(Running("Downloading"), Ended("Failed", "Failed", reason));
        await using var watcher = await JobWatcherHarness.StartAsync(describer);
        var watch = JobWatcherHarness.WatchOf("replicated-0123456789abcdef0123456789abcdef");

        await watcher.Watch(watch);

        var failed = await watcher.SinglePublished<TrainingJobFailed>();
        Assert.Equal((watch.ExperimentId, watch.Variant, watch.TrainingJobName), (failed.ExperimentId, failed.Variant, failed.TrainingJobName));
        Assert.Equal("Failed", failed.Status);
        Assert.Equal("Failed", failed.SecondaryStatus);
        Assert.Equal(reason, failed.Reason);
        Assert.Empty(watcher.PublishedSoFar<TrainingJobCompleted>());
        Assert.Equal(2, describer.Calls);
    }
}
