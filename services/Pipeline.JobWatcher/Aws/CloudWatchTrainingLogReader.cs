using System.Runtime.CompilerServices;
using Pipeline.Aws.Logs;

namespace Pipeline.JobWatcher.Aws;

/// <summary>Training logs from CloudWatch Logs (AWS or LocalSageMaker), every page followed.</summary>
public sealed class CloudWatchTrainingLogReader(CloudWatchLogsClient logs) : ITrainingLogReader
{
    public async Task<IReadOnlyList<string>> DescribeLogStreamsAsync(string logGroup, string streamPrefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var streams = logs.Paginators.DescribeLogStreams(new DescribeLogStreamsRequest { LogGroupName = logGroup, LogStreamNamePrefix = streamPrefix });
        await foreach (var stream in streams.Items.WithCancellation(cancellationToken).ConfigureAwait(false))
            if (stream.LogStreamName is { } name)
                names.Add(name);
        return names;
    }

    public async IAsyncEnumerable<LogEventRecord> GetLogEventsAsync(string logGroup, string logStream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = logs.Paginators.GetLogEvents(new GetLogEventsRequest { LogGroupName = logGroup, LogStreamName = logStream, StartFromHead = true });
        await foreach (var e in events.Items.WithCancellation(cancellationToken).ConfigureAwait(false))
            if (e.Timestamp is { } timestamp)
                yield return new LogEventRecord(timestamp, e.Message ?? "");
    }
}
