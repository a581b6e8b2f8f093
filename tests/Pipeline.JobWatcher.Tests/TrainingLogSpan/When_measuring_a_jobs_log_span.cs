using Pipeline.Contracts;

namespace Pipeline.JobWatcher.Tests;

public sealed class When_measuring_a_jobs_log_span
{
    private const string Group = "/aws/sagemaker/TrainingJobs";
    private const long T0 = 1_600_000_000_000;

    private static Task<MeasuredLogSpan> Measure(InMemoryTrainingLogs logs, string job) =>
        new TrainingLogSpan(logs).MeasureAsync(job, CancellationToken.None);

    [Fact]
    public async Task Spans_from_the_earliest_to_the_latest_event_over_all_streams()
    {
        // No single stream holds both ends: host 3 starts first, host 2 ends last.
        var logs = new InMemoryTrainingLogs()
            .AddStream(Group, "job/algo-1-1", T0 + 1_000, T0 + 20_000)
            .AddStream(Group, "job/algo-2-1", T0 + 5_000, T0 + 95_250)
            .AddStream(Group, "job/algo-3-1", T0 - 3_000, T0 + 40_000);

        var span = await Measure(logs, "job");

        Assert.Equal((T0 + 95_250 - (T0 - 3_000)) / 1000.0, span.Seconds, precision: 6);
    }

    [Fact]
    public async Task Reports_each_streams_first_and_last_event()
    {
        var logs = new InMemoryTrainingLogs()
            .AddStream(Group, "job/algo-1-1", T0 + 7_000, T0 + 1_000, T0 + 4_000)
            .AddStream(Group, "job/algo-2-1", T0 + 2_000);

        var span = await Measure(logs, "job");

        Assert.Equal(
            [
                new HostLogSpan("job/algo-1-1", DateTimeOffset.FromUnixTimeMilliseconds(T0 + 1_000), DateTimeOffset.FromUnixTimeMilliseconds(T0 + 7_000)),
                new HostLogSpan("job/algo-2-1", DateTimeOffset.FromUnixTimeMilliseconds(T0 + 2_000), DateTimeOffset.FromUnixTimeMilliseconds(T0 + 2_000)),
            ],
            span.Hosts.OrderBy(h => h.LogStreamName, StringComparer.Ordinal));
        Assert.Equal(6.0, span.Seconds, precision: 6);
    }

    [Fact]
    public async Task Ignores_the_streams_of_a_job_whose_name_extends_this_one()
    {
        var logs = new InMemoryTrainingLogs()
            .AddStream(Group, "a/algo-1-1", T0, T0 + 10_000)
            .AddStream(Group, "a-2/algo-1-1", T0 - 60_000, T0 + 600_000)
            .AddStream(Group, "ab/algo-1-1", T0 - 60_000, T0 + 600_000);

        var span = await Measure(logs, "a");

        Assert.Equal(10.0, span.Seconds, precision: 6);
        Assert.Equal(["a/algo-1-1"], span.Hosts.Select(h => h.LogStreamName));
        Assert.Equal(["a/"], logs.PrefixesAsked);
    }

    [Fact]
    public async Task Is_zero_when_the_log_group_does_not_exist_yet()
    {
        var span = await Measure(new InMemoryTrainingLogs(), "job");

        Assert.Equal(0, span.Seconds);
        Assert.Empty(span.Hosts);
    }

    [Fact]
    public async Task Is_zero_when_the_job_has_no_streams()
    {
        var logs = new InMemoryTrainingLogs().AddStream(Group, "other/algo-1-1", T0, T0 + 10_000);

        var span = await Measure(logs, "job");

        Assert.Equal(0, span.Seconds);
        Assert.Empty(span.Hosts);
    }

    [Fact]
    public async Task Skips_a_stream_that_is_listed_but_cannot_be_read()
    {
        var logs = new InMemoryTrainingLogs()
            .AddVanishedStream(Group, "job/algo-1-1")
            .AddStream(Group, "job/algo-2-1", T0, T0 + 30_000);

        var span = await Measure(logs, "job");

        Assert.Equal(30.0, span.Seconds, precision: 6);
        Assert.Equal(["job/algo-2-1"], span.Hosts.Select(h => h.LogStreamName));
    }

    [Fact]
    public async Task Ignores_empty_streams()
    {
        var logs = new InMemoryTrainingLogs()
            .AddStream(Group, "job/algo-1-1")
            .AddStream(Group, "job/algo-2-1", T0 + 1_000, T0 + 3_500)
            .AddStream(Group, "job/algo-3-1");

        var span = await Measure(logs, "job");

        Assert.Equal(2.5, span.Seconds, precision: 6);
        Assert.Equal(["job/algo-2-1"], span.Hosts.Select(h => h.LogStreamName));
    }

    [Fact]
    public async Task Reads_only_sagemakers_training_job_log_group()
    {
        var logs = new InMemoryTrainingLogs()
            .AddStream(Group, "job/algo-1-1", T0, T0 + 1_000)
            .AddStream("/aws/sagemaker/Endpoints/job", "job/AllTraffic/i-1", T0 - 90_000, T0 + 90_000);

        var span = await Measure(logs, "job");

        Assert.Equal(1.0, span.Seconds, precision: 6);
    }
}
