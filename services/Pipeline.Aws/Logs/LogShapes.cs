namespace Pipeline.Aws.Logs;

// Shapes of botocore's logs service model (2014-03-28) for reading log streams. On the wire the members are
// camelCase (AwsJson.Logs); timestamps are milliseconds since the Unix epoch.

public sealed record DescribeLogStreamsRequest
{
    public string? LogGroupName { get; init; }
    public string? LogStreamNamePrefix { get; init; }
    /// <summary>LogStreamName | LastEventTime.</summary>
    public string? OrderBy { get; init; }
    public bool? Descending { get; init; }
    public string? NextToken { get; init; }
    public int? Limit { get; init; }
}

public sealed record DescribeLogStreamsResponse
{
    public List<LogStream>? LogStreams { get; init; }
    public string? NextToken { get; init; }
}

public sealed record LogStream
{
    public string? LogStreamName { get; init; }
    public long? CreationTime { get; init; }
    public long? FirstEventTimestamp { get; init; }
    public long? LastEventTimestamp { get; init; }
    public long? LastIngestionTime { get; init; }
    public string? Arn { get; init; }
    public long? StoredBytes { get; init; }
}

public sealed record GetLogEventsRequest
{
    public string? LogGroupName { get; init; }
    public string? LogStreamName { get; init; }
    public long? StartTime { get; init; }
    public long? EndTime { get; init; }
    public string? NextToken { get; init; }
    public int? Limit { get; init; }
    public bool? StartFromHead { get; init; }
}

public sealed record GetLogEventsResponse
{
    public List<OutputLogEvent>? Events { get; init; }
    public string? NextForwardToken { get; init; }
    public string? NextBackwardToken { get; init; }
}

public sealed record OutputLogEvent
{
    public long? Timestamp { get; init; }
    public string? Message { get; init; }
    public long? IngestionTime { get; init; }
}

public sealed record FilterLogEventsRequest
{
    public string? LogGroupName { get; init; }
    public List<string>? LogStreamNames { get; init; }
    public string? LogStreamNamePrefix { get; init; }
    public long? StartTime { get; init; }
    public long? EndTime { get; init; }
    public string? FilterPattern { get; init; }
    public string? NextToken { get; init; }
    public int? Limit { get; init; }
}

public sealed record FilterLogEventsResponse
{
    public List<FilteredLogEvent>? Events { get; init; }
    public List<SearchedLogStream>? SearchedLogStreams { get; init; }
    public string? NextToken { get; init; }
}

public sealed record FilteredLogEvent
{
    public string? LogStreamName { get; init; }
    public long? Timestamp { get; init; }
    public string? Message { get; init; }
    public long? IngestionTime { get; init; }
    public string? EventId { get; init; }
}

public sealed record SearchedLogStream
{
    public string? LogStreamName { get; init; }
    public bool? SearchedCompletely { get; init; }
}

// Writes, for tests and imitations that need streams to read.

public sealed record CreateLogGroupRequest
{
    public string? LogGroupName { get; init; }
}

public sealed record CreateLogStreamRequest
{
    public string? LogGroupName { get; init; }
    public string? LogStreamName { get; init; }
}

public sealed record PutLogEventsRequest
{
    public string? LogGroupName { get; init; }
    public string? LogStreamName { get; init; }
    /// <summary>In timestamp order.</summary>
    public List<InputLogEvent>? LogEvents { get; init; }
    public string? SequenceToken { get; init; }
}

public sealed record InputLogEvent
{
    public long? Timestamp { get; init; }
    public string? Message { get; init; }
}

public sealed record PutLogEventsResponse
{
    public string? NextSequenceToken { get; init; }
}

public sealed record DescribeLogGroupsRequest
{
    public string? LogGroupNamePrefix { get; init; }
    public string? LogGroupNamePattern { get; init; }
    public string? NextToken { get; init; }
    public int? Limit { get; init; }
}

public sealed record DescribeLogGroupsResponse
{
    public List<LogGroupDescription>? LogGroups { get; init; }
    public string? NextToken { get; init; }
}

/// <summary>The LogGroup shape (named so as not to clash with the log store's group).</summary>
public sealed record LogGroupDescription
{
    public string? LogGroupName { get; init; }
    public long? CreationTime { get; init; }
    public int? MetricFilterCount { get; init; }
    /// <summary>The group's ARN with the trailing <c>:*</c>; <see cref="LogGroupArn"/> is without it.</summary>
    public string? Arn { get; init; }
    public string? LogGroupArn { get; init; }
    public long? StoredBytes { get; init; }
    public string? LogGroupClass { get; init; }
}
