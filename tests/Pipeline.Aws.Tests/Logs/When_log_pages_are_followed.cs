using System.Text.Json;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.Aws.Tests.Http;

namespace Pipeline.Aws.Tests.Logs;

public sealed class When_log_pages_are_followed
{
    private static string? TokenIn(RecordedRequest request, string member) =>
        JsonDocument.Parse(request.Body).RootElement.TryGetProperty(member, out var token) ? token.GetString() : null;

    [Fact]
    public async Task GetLogEvents_sends_each_forward_token_and_ends_when_it_repeats()
    {
        using var server = new RecordingHttpServer((request, _) => TokenIn(request, "nextToken") switch
        {
            null => Reply.Ok("""{"events":[{"timestamp":1,"message":"a"},{"timestamp":2,"message":"b"}],"nextForwardToken":"f/2","nextBackwardToken":"b/0"}"""),
            "f/2" => Reply.Ok("""{"events":[{"timestamp":3,"message":"c"}],"nextForwardToken":"f/3","nextBackwardToken":"b/2"}"""),
            _ => Reply.Ok("""{"events":[],"nextForwardToken":"f/3","nextBackwardToken":"b/3"}"""),
        });
        using var clients = LoopbackClients.For(server);

        var events = await clients.Logs.Paginators
            .GetLogEvents(new GetLogEventsRequest { LogGroupName = "g", LogStreamName = "s", StartFromHead = true })
            .Items.ToListAsync();

        Assert.Equal(["a", "b", "c"], events.Select(e => e.Message));
        Assert.Equal([null, "f/2", "f/3"], server.Requests.Select(r => TokenIn(r, "nextToken")));
        Assert.All(server.Requests, r => Assert.True(JsonDocument.Parse(r.Body).RootElement.GetProperty("startFromHead").GetBoolean()));
    }

    [Fact]
    public async Task DescribeLogStreams_follows_nextToken_to_the_last_page()
    {
        using var server = new RecordingHttpServer((request, _) => TokenIn(request, "nextToken") is null
            ? Reply.Ok("""{"logStreams":[{"logStreamName":"j/algo-1-1"}],"nextToken":"p2"}""")
            : Reply.Ok("""{"logStreams":[{"logStreamName":"j/algo-2-1"}]}"""));
        using var clients = LoopbackClients.For(server);

        var streams = await clients.Logs.Paginators.DescribeLogStreams(new DescribeLogStreamsRequest { LogGroupName = "g" }).Items.ToListAsync();

        Assert.Equal(["j/algo-1-1", "j/algo-2-1"], streams.Select(s => s.LogStreamName));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task FilterLogEvents_follows_nextToken_to_the_last_page()
    {
        using var server = new RecordingHttpServer((request, _) => TokenIn(request, "nextToken") is null
            ? Reply.Ok("""{"events":[{"logStreamName":"s","message":"x"}],"nextToken":"n1"}""")
            : Reply.Ok("""{"events":[{"logStreamName":"s","message":"y"}]}"""));
        using var clients = LoopbackClients.For(server);

        var events = await clients.Logs.Paginators.FilterLogEvents(new FilterLogEventsRequest { LogGroupName = "g" }).Items.ToListAsync();

        Assert.Equal(["x", "y"], events.Select(e => e.Message));
        Assert.Equal([null, "n1"], server.Requests.Select(r => TokenIn(r, "nextToken")));
    }

    [Fact]
    public async Task ListTrainingJobs_follows_NextToken_to_the_last_page()
    {
        using var server = new RecordingHttpServer((request, _) => TokenIn(request, "NextToken") is null
            ? Reply.Ok("""{"TrainingJobSummaries":[{"TrainingJobName":"a"}],"NextToken":"2"}""")
            : Reply.Ok("""{"TrainingJobSummaries":[{"TrainingJobName":"b"}]}"""));
        using var clients = LoopbackClients.For(server);

        var jobs = await clients.SageMaker.Paginators.ListTrainingJobs(new ListTrainingJobsRequest { MaxResults = 1 }).Items.ToListAsync();

        Assert.Equal(["a", "b"], jobs.Select(j => j.TrainingJobName));
        Assert.Equal([null, "2"], server.Requests.Select(r => TokenIn(r, "NextToken")));
        Assert.All(server.Requests, r => Assert.Equal(1, JsonDocument.Parse(r.Body).RootElement.GetProperty("MaxResults").GetInt32()));
    }
}
