using Pipeline.Aws;
using Pipeline.Contracts;

namespace Pipeline.JobWatcher;

/// <summary>
/// The seed notebook's training time (get_train_timing): latest minus earliest event timestamp over every
/// log stream of the job. Streams that are missing or empty contribute nothing.
/// </summary>
public sealed class TrainingLogSpan(ITrainingLogReader logs)
{
    public const string LogGroup = "/aws/sagemaker/TrainingJobs";

    public async Task<MeasuredLogSpan> MeasureAsync(string trainingJobName, CancellationToken cancellationToken)
    {
        // SageMaker names streams "<job>/algo-1-<epoch>"; the slash keeps job "a" from matching "a-2/...".
        var prefix = trainingJobName + "/";
        IReadOnlyList<string> streams;
        try
        {
            streams = await logs.DescribeLogStreamsAsync(LogGroup, prefix, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return MeasuredLogSpan.None;
        }

        var hosts = new List<HostLogSpan>();
        foreach (var stream in streams)
        {
            if (await FirstAndLastAsync(stream, cancellationToken) is { } host)
                hosts.Add(host);
        }

        if (hosts.Count == 0)
            return MeasuredLogSpan.None;
        var span = hosts.Max(h => h.LastEvent) - hosts.Min(h => h.FirstEvent);
        return new MeasuredLogSpan(span.TotalSeconds, hosts);
    }

    private async Task<HostLogSpan?> FirstAndLastAsync(string stream, CancellationToken cancellationToken)
    {
        long? first = null, last = null;
        try
        {
            await foreach (var e in logs.GetLogEventsAsync(LogGroup, stream, cancellationToken))
            {
                // Events come in time order, but min/max does not depend on it.
                first = first is { } f ? Math.Min(f, e.Timestamp) : e.Timestamp;
                last = last is { } l ? Math.Max(l, e.Timestamp) : e.Timestamp;
            }
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }

        return first is { } start && last is { } end
            ? new HostLogSpan(stream, DateTimeOffset.FromUnixTimeMilliseconds(start), DateTimeOffset.FromUnixTimeMilliseconds(end))
            : null;
    }
}

/// <summary>The span over all streams in seconds, and each non-empty stream's first and last event.</summary>
public sealed record MeasuredLogSpan(double Seconds, IReadOnlyList<HostLogSpan> Hosts)
{
    public static MeasuredLogSpan None { get; } = new(0, []);
}
