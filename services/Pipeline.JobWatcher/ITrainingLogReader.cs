namespace Pipeline.JobWatcher;

/// <summary>
/// CloudWatch Logs reads (DescribeLogStreams, GetLogEvents), each following every page. Both throw
/// Pipeline.Aws' ResourceNotFoundException while the group or stream does not exist yet.
/// </summary>
public interface ITrainingLogReader
{
    /// <summary>Names of the group's streams that start with <paramref name="streamPrefix"/>.</summary>
    Task<IReadOnlyList<string>> DescribeLogStreamsAsync(string logGroup, string streamPrefix, CancellationToken cancellationToken);

    /// <summary>Every event of the stream, from its start.</summary>
    IAsyncEnumerable<LogEventRecord> GetLogEventsAsync(string logGroup, string logStream, CancellationToken cancellationToken);
}

/// <summary>One log event; <paramref name="Timestamp"/> is in milliseconds since the Unix epoch.</summary>
public sealed record LogEventRecord(long Timestamp, string Message);
