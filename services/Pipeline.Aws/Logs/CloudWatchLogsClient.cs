using Pipeline.Aws.Http;
using Pipeline.Aws.Json;

namespace Pipeline.Aws.Logs;

/// <summary>CloudWatch Logs (JSON 1.1, X-Amz-Target Logs_20140328.&lt;Operation&gt;, camelCase members), named as the official SDK names it.</summary>
public sealed class CloudWatchLogsClient(AwsJsonClient json)
{
    public const string TargetPrefix = "Logs_20140328.";

    public CloudWatchLogsClient(AwsRequestSender sender)
        : this(new AwsJsonClient(sender, TargetPrefix, AwsJson.Logs))
    {
    }

    public CloudWatchLogsPaginators Paginators => new(this);

    public Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<DescribeLogStreamsRequest, DescribeLogStreamsResponse>("DescribeLogStreams", request, cancellationToken);

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<GetLogEventsRequest, GetLogEventsResponse>("GetLogEvents", request, cancellationToken);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<FilterLogEventsRequest, FilterLogEventsResponse>("FilterLogEvents", request, cancellationToken);

    public Task CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync("CreateLogGroup", request, cancellationToken);

    public Task CreateLogStreamAsync(CreateLogStreamRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync("CreateLogStream", request, cancellationToken);

    public Task<PutLogEventsResponse> PutLogEventsAsync(PutLogEventsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<PutLogEventsRequest, PutLogEventsResponse>("PutLogEvents", request, cancellationToken);
}

/// <summary>The paged operations, followed to the last page.</summary>
public sealed class CloudWatchLogsPaginators(CloudWatchLogsClient client)
{
    public Paginator<DescribeLogStreamsResponse, LogStream> DescribeLogStreams(DescribeLogStreamsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(
            (token, ct) => client.DescribeLogStreamsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.LogStreams,
            request.NextToken);
    }

    /// <summary>Reads forward (set StartFromHead to read a stream from its start) until nextForwardToken repeats.</summary>
    public Paginator<GetLogEventsResponse, OutputLogEvent> GetLogEvents(GetLogEventsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(
            (token, ct) => client.GetLogEventsAsync(request with { NextToken = token }, ct),
            page => page.NextForwardToken,
            page => page.Events,
            request.NextToken);
    }

    public Paginator<FilterLogEventsResponse, FilteredLogEvent> FilterLogEvents(FilterLogEventsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(
            (token, ct) => client.FilterLogEventsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.Events,
            request.NextToken);
    }
}
