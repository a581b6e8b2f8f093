using Pipeline.Contracts;
using static Pipeline.JobWatcher.Tests.ScriptedTrainingJobDescriber;

namespace Pipeline.JobWatcher.Tests;

public sealed class When_the_job_runs_then_completes
{
    private const string Job = "sharded-0123456789abcdef0123456789abcdef";
    private const string Group = "/aws/sagemaker/TrainingJobs";
    private const string Artifact = "s3://bucket/prefix/" + Job + "/output/model.tar.gz";
    private const long T0 = 1_700_000_000_000;

    private static readonly Func<string, TrainingJobDescription> Completed = name => new TrainingJobDescription
    {
        TrainingJobName = name,
        TrainingJobStatus = "Completed",
        SecondaryStatus = "Completed",
        ModelArtifacts = Artifact,
        TrainingTimeInSeconds = 412,
        BillableTimeInSeconds = 398,
        InstanceCount = 5,
    };

    [Fact]
    public async Task Publishes_one_completed_event_with_the_log_span_of_all_hosts()
    {
        var describer = new ScriptedTrainingJobDescriber(Running("Starting"), Running("Starting"), Running("Training"), Completed);
        var logs = new InMemoryTrainingLogs()
            .AddStream(Group, $"{Job}/algo-1-1700000000", T0 + 2_000, T0 + 60_000, T0 + 301_500)
            .AddStream(Group, $"{Job}/algo-2-1700000000", T0, T0 + 250_000)
            .AddStream(Group, $"{Job}-2/algo-1-1700000000", T0 - 500_000, T0 + 900_000);
        await using var watcher = await JobWatcherHarness.StartAsync(describer, logs);
        var watch = JobWatcherHarness.WatchOf(Job);

        await watcher.Watch(watch);

        var completed = await watcher.SinglePublished<TrainingJobCompleted>();
        Assert.Equal((watch.ExperimentId, watch.Variant, Job), (completed.ExperimentId, completed.Variant, completed.TrainingJobName));
        Assert.Equal(Artifact, completed.ModelArtifactUri);
        Assert.Equal(5, completed.InstanceCount);
        Assert.Equal(301.5, completed.LogSpanSeconds, precision: 6);
        Assert.Equal(412, completed.TrainingTimeInSeconds);
        Assert.Equal(398, completed.BillableTimeInSeconds);
        Assert.Equal(
            [
                new HostLogSpan($"{Job}/algo-1-1700000000", DateTimeOffset.FromUnixTimeMilliseconds(T0 + 2_000), DateTimeOffset.FromUnixTimeMilliseconds(T0 + 301_500)),
                new HostLogSpan($"{Job}/algo-2-1700000000", DateTimeOffset.FromUnixTimeMilliseconds(T0), DateTimeOffset.FromUnixTimeMilliseconds(T0 + 250_000)),
            ],
            completed.Hosts.OrderBy(h => h.LogStreamName, StringComparer.Ordinal));
        Assert.Empty(watcher.PublishedSoFar<TrainingJobFailed>());
    }

    [Fact]
    public async Task Reports_each_secondary_status_once_and_polls_until_the_end()
    {
        var describer = new ScriptedTrainingJobDescriber(Running("Starting"), Running("Starting"), Running("Training"), Completed);
        await using var watcher = await JobWatcherHarness.StartAsync(describer);

        await watcher.Watch(JobWatcherHarness.WatchOf(Job));

        await watcher.SinglePublished<TrainingJobCompleted>();
        Assert.Equal(["Starting", "Training"], watcher.PublishedSoFar<TrainingJobStatusChanged>().Select(e => e.SecondaryStatus));
        Assert.Equal(4, describer.Calls);
        var polls = (await watcher.WaitForPolls(4)).OrderBy(p => p.Attempt).ToList();
        Assert.Equal([0, 1, 2, 3], polls.Select(p => p.Attempt));
        Assert.Equal([null, "Starting", "Starting", "Training"], polls.Select(p => p.LastSecondaryStatus));
    }

    [Fact]
    public async Task Waits_the_poll_interval_between_polls()
    {
        var describer = new ScriptedTrainingJobDescriber(Running("Training"), Running("Training"), Completed);
        await using var watcher = await JobWatcherHarness.StartAsync(describer);

        await watcher.Watch(JobWatcherHarness.WatchOf(Job));

        await watcher.SinglePublished<TrainingJobCompleted>();
        var calls = describer.CallTimes;
        Assert.Equal(3, calls.Count);
        // Timers fire at or after their due time; the margin only absorbs clock granularity.
        var floor = JobWatcherHarness.PollInterval - TimeSpan.FromMilliseconds(5);
        Assert.All(calls.Zip(calls.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= floor, $"Polled again after {gap.TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task Completes_with_a_zero_span_when_the_job_left_no_logs()
    {
        var describer = new ScriptedTrainingJobDescriber(Completed);
        await using var watcher = await JobWatcherHarness.StartAsync(describer, new InMemoryTrainingLogs());

        await watcher.Watch(JobWatcherHarness.WatchOf(Job));

        var completed = await watcher.SinglePublished<TrainingJobCompleted>();
        Assert.Equal(0, completed.LogSpanSeconds);
        Assert.Empty(completed.Hosts);
        Assert.Equal(Artifact, completed.ModelArtifactUri);
    }
}
