using Pipeline.Contracts;
using static Pipeline.JobWatcher.Tests.ScriptedTrainingJobDescriber;

namespace Pipeline.JobWatcher.Tests;

public sealed class When_describing_is_throttled
{
    [Fact]
    public async Task Backs_off_counting_throttled_polls_and_completes_later()
    {
        var describer = new ScriptedTrainingJobDescriber(
            Throttled(), Throttled(), Running("Training"),
            name => new TrainingJobDescription
            {
                TrainingJobName = name,
                TrainingJobStatus = "Completed",
                SecondaryStatus = "Completed",
                ModelArtifacts = $"s3://bucket/prefix/{name}/output/model.tar.gz",
                TrainingTimeInSeconds = 100,
                BillableTimeInSeconds = 100,
                InstanceCount = 5,
            });
        await using var watcher = await JobWatcherHarness.StartAsync(describer);

        await watcher.Watch(JobWatcherHarness.WatchOf("sharded-0123456789abcdef0123456789abcdef"));

        await watcher.SinglePublished<TrainingJobCompleted>();
        var polls = (await watcher.WaitForPolls(4)).OrderBy(p => p.Attempt).ToList();
        Assert.Equal([0, 1, 2, 3], polls.Select(p => p.Attempt));
        Assert.Equal([0, 1, 2, 0], polls.Select(p => p.Throttled));
        Assert.Equal(4, describer.Calls);

        // A throttled watcher never polls sooner than an unthrottled one.
        var calls = describer.CallTimes;
        var floor = JobWatcherHarness.PollInterval - TimeSpan.FromMilliseconds(5);
        Assert.True(calls[1] - calls[0] >= floor);
        Assert.True(calls[2] - calls[1] >= floor);
    }
}
