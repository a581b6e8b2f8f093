using System.Net;
using Pipeline.Aws.Logs;

namespace Pipeline.LocalSageMaker.Tests.Server;

public sealed class When_a_Logs_operation_is_called
{
    [Fact]
    public async Task Describe_log_streams_speaks_camelCase_with_millisecond_times()
    {
        await using var front = await Front.StartAsync();
        front.Logs.OnDescribeLogStreams = request => new DescribeLogStreamsResponse
        {
            LogStreams = [new LogStream { LogStreamName = request.LogStreamNamePrefix + "algo-1-1709296496", CreationTime = 1709296496789, LastEventTimestamp = 1709296800000 }],
            NextToken = "next",
        };

        var answer = await front.PostAsync("Logs_20140328.DescribeLogStreams",
            """{"logGroupName":"/aws/sagemaker/TrainingJobs","logStreamNamePrefix":"job/","descending":true,"limit":5}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var request = Assert.IsType<DescribeLogStreamsRequest>(Assert.Single(front.Logs.Requests));
        Assert.Equal("/aws/sagemaker/TrainingJobs", request.LogGroupName);
        Assert.True(request.Descending);
        Assert.Equal(5, request.Limit);
        var stream = Assert.Single(answer.Json.GetProperty("logStreams").EnumerateArray());
        Assert.Equal("job/algo-1-1709296496", stream.GetProperty("logStreamName").GetString());
        Assert.Equal(1709296496789, stream.GetProperty("creationTime").GetInt64());
        Assert.Equal(1709296800000, stream.GetProperty("lastEventTimestamp").GetInt64());
        Assert.Equal("next", answer.Json.GetProperty("nextToken").GetString());
    }

    [Fact]
    public async Task Get_log_events_returns_events_and_tokens()
    {
        await using var front = await Front.StartAsync();
        front.Logs.OnGetLogEvents = _ => new GetLogEventsResponse
        {
            Events = [new OutputLogEvent { Timestamp = 1709296800000, Message = "#quality_metric: host=algo-1, epoch=0, train mse_objective <loss>=0.5", IngestionTime = 1709296800001 }],
            NextForwardToken = "f/2",
            NextBackwardToken = "b/1",
        };

        var answer = await front.PostAsync("Logs_20140328.GetLogEvents",
            """{"logGroupName":"/aws/sagemaker/TrainingJobs","logStreamName":"job/algo-1-1709296496","startFromHead":true,"nextToken":"f/1"}""");

        var request = Assert.IsType<GetLogEventsRequest>(Assert.Single(front.Logs.Requests));
        Assert.Equal("job/algo-1-1709296496", request.LogStreamName);
        Assert.Equal("f/1", request.NextToken);
        Assert.True(request.StartFromHead);
        var logEvent = Assert.Single(answer.Json.GetProperty("events").EnumerateArray());
        Assert.Equal(1709296800000, logEvent.GetProperty("timestamp").GetInt64());
        Assert.StartsWith("#quality_metric", logEvent.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("f/2", answer.Json.GetProperty("nextForwardToken").GetString());
        Assert.Equal("b/1", answer.Json.GetProperty("nextBackwardToken").GetString());
    }

    [Fact]
    public async Task Filter_log_events_reaches_its_operation()
    {
        await using var front = await Front.StartAsync();
        front.Logs.OnFilterLogEvents = request => new FilterLogEventsResponse
        {
            Events = [new FilteredLogEvent { LogStreamName = request.LogStreamNames![0], Message = "hit", EventId = "1" }],
        };

        var answer = await front.PostAsync("Logs_20140328.FilterLogEvents",
            """{"logGroupName":"/aws/sagemaker/TrainingJobs","logStreamNames":["job/algo-2-1709296496"],"filterPattern":"mse"}""");

        Assert.Equal("mse", Assert.IsType<FilterLogEventsRequest>(Assert.Single(front.Logs.Requests)).FilterPattern);
        var logEvent = Assert.Single(answer.Json.GetProperty("events").EnumerateArray());
        Assert.Equal("job/algo-2-1709296496", logEvent.GetProperty("logStreamName").GetString());
    }
}
