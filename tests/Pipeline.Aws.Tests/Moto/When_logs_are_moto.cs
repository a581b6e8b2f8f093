using Pipeline.Aws.Logs;

namespace Pipeline.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class When_logs_are_moto(MotoServer moto) : IDisposable
{
    private readonly AwsClients _clients = moto.CreateAwsClients();
    private readonly string _group = $"/aws/sagemaker/TrainingJobs-{Guid.NewGuid():N}";

    private CloudWatchLogsClient Logs => _clients.Logs;

    /// <summary>Two host streams of a job; the first with <paramref name="events"/> events "line 0".. at consecutive milliseconds.</summary>
    private async Task<long> WriteJobStreams(int events)
    {
        await Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = _group });
        await Logs.CreateLogStreamAsync(new CreateLogStreamRequest { LogGroupName = _group, LogStreamName = "job/algo-1-1700000000" });
        await Logs.CreateLogStreamAsync(new CreateLogStreamRequest { LogGroupName = _group, LogStreamName = "job/algo-2-1700000000" });
        await Logs.CreateLogStreamAsync(new CreateLogStreamRequest { LogGroupName = _group, LogStreamName = "other/algo-1-1700000000" });
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000; // recent: CloudWatch refuses events over 14 days old
        await Logs.PutLogEventsAsync(new PutLogEventsRequest
        {
            LogGroupName = _group,
            LogStreamName = "job/algo-1-1700000000",
            LogEvents = Enumerable.Range(0, events).Select(i => new InputLogEvent { Timestamp = start + i, Message = $"line {i}" }).ToList(),
        });
        return start;
    }

    [Fact]
    public async Task DescribeLogStreams_pages_through_the_streams_of_a_prefix()
    {
        await WriteJobStreams(1);

        var pages = await Logs.Paginators.DescribeLogStreams(new DescribeLogStreamsRequest { LogGroupName = _group, LogStreamNamePrefix = "job/", Limit = 1 }).Responses.ToListAsync();

        Assert.Equal(["job/algo-1-1700000000", "job/algo-2-1700000000"], pages.SelectMany(p => p.LogStreams!).Select(s => s.LogStreamName));
        Assert.True(pages.Count >= 2);
    }

    [Fact]
    public async Task GetLogEvents_reads_a_stream_from_its_head_over_pages_until_the_token_repeats()
    {
        var start = await WriteJobStreams(5);

        var pages = await Logs.Paginators.GetLogEvents(new GetLogEventsRequest
        {
            LogGroupName = _group, LogStreamName = "job/algo-1-1700000000", StartFromHead = true, Limit = 2,
        }).Responses.ToListAsync();

        var events = pages.SelectMany(p => p.Events!).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"line {i}"), events.Select(e => e.Message));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (long?)(start + i)), events.Select(e => e.Timestamp));
        Assert.True(pages.Count >= 3, $"two events a page: {pages.Count} pages");
    }

    [Fact]
    public async Task FilterLogEvents_pages_through_the_events_of_a_prefix()
    {
        await WriteJobStreams(5);

        var events = await Logs.Paginators.FilterLogEvents(new FilterLogEventsRequest { LogGroupName = _group, LogStreamNamePrefix = "job/", Limit = 2 }).Items.ToListAsync();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"line {i}"), events.Select(e => e.Message));
        Assert.All(events, e => Assert.Equal("job/algo-1-1700000000", e.LogStreamName));
    }

    [Fact]
    public async Task A_missing_group_is_a_ResourceNotFoundException()
    {
        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            Logs.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = _group, LogStreamName = "job/algo-1-1700000000" }));

        Assert.Contains("log group", error.ServiceMessage, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _clients.Dispose();
}
