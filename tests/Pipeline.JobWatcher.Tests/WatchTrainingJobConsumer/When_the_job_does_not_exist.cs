using Pipeline.Aws;
using Pipeline.Contracts;
using static Pipeline.JobWatcher.Tests.ScriptedTrainingJobDescriber;

namespace Pipeline.JobWatcher.Tests;

public sealed class When_the_job_does_not_exist
{
    [Fact]
    public async Task Publishes_failed_saying_so_and_stops_polling()
    {
        const string job = "replicated-0123456789abcdef0123456789abcdef";
        var describer = new ScriptedTrainingJobDescriber(Throws(() => new ResourceNotFoundException("Requested resource not found.")));
        await using var watcher = await JobWatcherHarness.StartAsync(describer);

        await watcher.Watch(JobWatcherHarness.WatchOf(job));

        var failed = await watcher.SinglePublished<TrainingJobFailed>();
        Assert.Equal("Failed", failed.Status);
        Assert.Contains(job, failed.Reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, describer.Calls);
    }
}
