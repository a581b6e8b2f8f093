using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.Logs;
using Pipeline.LocalSageMaker.Logs;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Logs;

public sealed class When_reading_a_log_store
{
    private const string Group = "/aws/sagemaker/TrainingJobs";
    private readonly ManualClock _clock = new();
    private readonly LogStore _store;

    public When_reading_a_log_store() =>
        _store = new LogStore(Options.Create(new LocalSageMakerOptions { MaxEventsPerLogStream = 100 }), _clock);

    [Fact]
    public async Task DescribeLogStreams_pages_by_name_in_either_direction()
    {
        string[] names = ["job/algo-3-1", "job/algo-1-1", "job/algo-5-1", "other/algo-1-1", "job/algo-2-1", "job/algo-4-1"];
        foreach (var name in names)
            _store.CreateStream(Group, name);
        var expected = names.Where(n => n.StartsWith("job/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        var ascending = await AllStreamNamesAsync(new DescribeLogStreamsRequest { LogGroupName = Group, LogStreamNamePrefix = "job/", Limit = 2 });
        var descending = await AllStreamNamesAsync(new DescribeLogStreamsRequest { LogGroupName = Group, LogStreamNamePrefix = "job/", Limit = 2, Descending = true });

        Assert.Equal(expected, ascending.Names);
        Assert.Equal(3, ascending.Pages);
        Assert.Equal(Enumerable.Reverse(expected), descending.Names);
        Assert.Equal(3, descending.Pages);
    }

    [Fact]
    public async Task DescribeLogStreams_orders_by_last_event_time()
    {
        var early = _store.CreateStream(Group, "b");
        var late = _store.CreateStream(Group, "a");
        early.Write("first");
        _clock.Advance(TimeSpan.FromSeconds(1));
        late.Write("second");

        var page = await _store.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = Group, OrderBy = "LastEventTime", Descending = true }, default);

        Assert.Equal(["a", "b"], page.LogStreams!.Select(s => s.LogStreamName));
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeMilliseconds(), page.LogStreams![0].LastEventTimestamp);
        await Assert.ThrowsAsync<ValidationException>(() => _store.DescribeLogStreamsAsync(
            new DescribeLogStreamsRequest { LogGroupName = Group, OrderBy = "LastEventTime", LogStreamNamePrefix = "a" }, default));
    }

    [Fact]
    public async Task GetLogEvents_pages_forward_from_the_head_and_gives_the_same_token_back_at_the_end()
    {
        var written = WriteEvents("s", 25);
        var read = new List<string>();
        var request = new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", StartFromHead = true, Limit = 10 };
        GetLogEventsResponse page;
        var calls = 0;
        while (true)
        {
            page = await _store.GetLogEventsAsync(request, default);
            calls++;
            read.AddRange(page.Events!.Select(e => e.Message!));
            if (page.NextForwardToken == request.NextToken)
                break;
            request = request with { NextToken = page.NextForwardToken };
        }

        Assert.Equal(written, read);
        Assert.Equal(4, calls); // 10 + 10 + 5, then an empty page with the same token
        Assert.Empty(page.Events!);
    }

    [Fact]
    public async Task GetLogEvents_reads_the_latest_events_by_default_and_pages_backward()
    {
        var written = WriteEvents("s", 25);

        var tail = await _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", Limit = 10 }, default);
        var before = await _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", Limit = 10, NextToken = tail.NextBackwardToken }, default);
        var first = await _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", Limit = 10, NextToken = before.NextBackwardToken }, default);
        var none = await _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", Limit = 10, NextToken = first.NextBackwardToken }, default);

        Assert.Equal(written[15..], tail.Events!.Select(e => e.Message));
        Assert.Equal(written[5..15], before.Events!.Select(e => e.Message));
        Assert.Equal(written[..5], first.Events!.Select(e => e.Message));
        Assert.Empty(none.Events!);
        Assert.Equal(first.NextBackwardToken, none.NextBackwardToken);
    }

    [Fact]
    public async Task GetLogEvents_keeps_to_the_time_range_start_included_end_excluded()
    {
        var start = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var written = WriteEvents("s", 10); // one a second

        var page = await _store.GetLogEventsAsync(new GetLogEventsRequest
        {
            LogGroupName = Group, LogStreamName = "s", StartFromHead = true, StartTime = start + 3000, EndTime = start + 6000,
        }, default);

        Assert.Equal(written[3..6], page.Events!.Select(e => e.Message));
        Assert.All(page.Events!, e => Assert.Equal(e.Timestamp, e.IngestionTime));
    }

    [Fact]
    public async Task GetLogEvents_answers_as_CloudWatch_for_what_does_not_exist()
    {
        _store.CreateStream(Group, "s");

        var noGroup = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = "/nope", LogStreamName = "s" }, default));
        var noStream = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "nope" }, default));
        await Assert.ThrowsAsync<ValidationException>(() =>
            _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", NextToken = "x/1" }, default));
        await Assert.ThrowsAsync<ValidationException>(() =>
            _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", Limit = 10_001 }, default));

        Assert.Equal("The specified log group does not exist.", noGroup.ServiceMessage);
        Assert.Equal("The specified log stream does not exist.", noStream.ServiceMessage);
    }

    [Fact]
    public async Task A_stream_keeps_its_latest_events_within_its_bound_and_old_tokens_still_work()
    {
        var written = WriteEvents("s", 250);
        var head = await _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", StartFromHead = true }, default);
        var fromOldToken = await _store.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = "s", NextToken = "f/0", Limit = 1 }, default);

        Assert.InRange(head.Events!.Count, 90, 100);
        Assert.Equal(written[^head.Events.Count..], head.Events.Select(e => e.Message));
        Assert.Equal(head.Events[0].Message, Assert.Single(fromOldToken.Events!).Message);
    }

    [Fact]
    public async Task FilterLogEvents_merges_streams_in_time_order_and_pages_without_repeats()
    {
        var a = _store.CreateStream(Group, "job/algo-1-1");
        var b = _store.CreateStream(Group, "job/algo-2-1");
        _store.CreateStream(Group, "other/algo-1-1").Write("ERROR elsewhere");
        var expected = new List<(int Second, int StreamCreated, int Index, string Message)>();
        for (var i = 0; i < 12; i++)
        {
            var (stream, created) = i % 3 == 0 ? (b, 1) : (a, 0);
            var message = $"{(i % 2 == 0 ? "ERROR" : "INFO")} line {i}";
            stream.Write(message);
            expected.Add((i / 4, created, i, message));
            if (i % 4 == 3)
                _clock.Advance(TimeSpan.FromSeconds(1)); // several events share a millisecond too
        }

        var all = await AllFilteredAsync(new FilterLogEventsRequest { LogGroupName = Group, LogStreamNamePrefix = "job/", Limit = 5 });
        var errors = await AllFilteredAsync(new FilterLogEventsRequest { LogGroupName = Group, LogStreamNamePrefix = "job/", FilterPattern = "ERROR" });

        // Time order; events of the same millisecond by stream (in the order the streams were created), then as written.
        var inOrder = expected.OrderBy(e => e.Second).ThenBy(e => e.StreamCreated).ThenBy(e => e.Index).Select(e => e.Message).ToList();
        Assert.Equal(inOrder, all.Select(e => e.Message));
        Assert.Equal(all.Count, all.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(inOrder.Where(m => m.StartsWith("ERROR", StringComparison.Ordinal)), errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("ERROR", new[] { "ERROR disk full", "ERROR retry later", "ERROR: disk" })]
    [InlineData("ERROR disk", new[] { "ERROR disk full", "ERROR: disk" })]
    [InlineData("\"ERROR disk\"", new[] { "ERROR disk full" })]
    [InlineData("?WARN ?full", new[] { "ERROR disk full", "WARN slow" })]
    [InlineData("ERROR -retry", new[] { "ERROR disk full", "ERROR: disk" })]
    [InlineData("error", new string[0])]
    [InlineData("", new[] { "ERROR disk full", "ERROR retry later", "ERROR: disk", "WARN slow", "INFO fine" })]
    public async Task FilterLogEvents_matches_terms_phrases_alternatives_and_exclusions(string pattern, string[] expected)
    {
        var stream = _store.CreateStream(Group, "s");
        foreach (var line in new[] { "ERROR disk full", "ERROR retry later", "ERROR: disk", "WARN slow", "INFO fine" })
            stream.Write(line);

        var found = await _store.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = Group, FilterPattern = pattern }, default);

        Assert.Equal(expected, found.Events!.Select(e => e.Message));
    }

    [Fact]
    public async Task FilterLogEvents_refuses_patterns_it_does_not_understand_and_both_stream_selectors()
    {
        _store.CreateStream(Group, "s");

        await Assert.ThrowsAsync<ValidationException>(() => _store.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = Group, FilterPattern = "{ $.level = \"ERROR\" }" }, default));
        await Assert.ThrowsAsync<ValidationException>(() => _store.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = Group, LogStreamNames = ["s"], LogStreamNamePrefix = "s" }, default));
    }

    private List<string> WriteEvents(string streamName, int count)
    {
        var stream = _store.CreateStream(Group, streamName);
        var written = new List<string>();
        for (var i = 0; i < count; i++)
        {
            written.Add($"event {i}");
            stream.Write(written[^1]);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        return written;
    }

    private async Task<(List<string> Names, int Pages)> AllStreamNamesAsync(DescribeLogStreamsRequest request)
    {
        var names = new List<string>();
        var pages = 0;
        do
        {
            var page = await _store.DescribeLogStreamsAsync(request, default);
            names.AddRange(page.LogStreams!.Select(s => s.LogStreamName!));
            pages++;
            request = request with { NextToken = page.NextToken };
        }
        while (request.NextToken is not null);

        return (names, pages);
    }

    private async Task<List<FilteredLogEvent>> AllFilteredAsync(FilterLogEventsRequest request)
    {
        var events = new List<FilteredLogEvent>();
        do
        {
            var page = await _store.FilterLogEventsAsync(request, default);
            events.AddRange(page.Events!);
            request = request with { NextToken = page.NextToken };
        }
        while (request.NextToken is not null);

        return events;
    }
}
