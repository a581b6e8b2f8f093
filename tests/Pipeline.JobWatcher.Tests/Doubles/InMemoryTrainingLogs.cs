using System.Runtime.CompilerServices;
using Pipeline.Aws;

namespace Pipeline.JobWatcher.Tests;

/// <summary>
/// CloudWatch Logs in memory, answering as the service does: prefix match on stream names, ResourceNotFound for a
/// missing group or stream.
/// </summary>
public sealed class InMemoryTrainingLogs : ITrainingLogReader
{
    private readonly Dictionary<string, SortedDictionary<string, List<LogEventRecord>?>> _groups = [];
    private readonly List<string> _prefixesAsked = [];

    public IReadOnlyList<string> PrefixesAsked => _prefixesAsked;

    public InMemoryTrainingLogs AddStream(string group, string stream, params long[] timestamps)
    {
        Group(group)[stream] = timestamps.Select(t => new LogEventRecord(t, $"event at {t}")).ToList();
        return this;
    }

    /// <summary>A stream DescribeLogStreams lists but GetLogEvents no longer finds.</summary>
    public InMemoryTrainingLogs AddVanishedStream(string group, string stream)
    {
        Group(group)[stream] = null;
        return this;
    }

    public Task<IReadOnlyList<string>> DescribeLogStreamsAsync(string logGroup, string streamPrefix, CancellationToken cancellationToken)
    {
        _prefixesAsked.Add(streamPrefix);
        if (!_groups.TryGetValue(logGroup, out var streams))
            throw new ResourceNotFoundException("The specified log group does not exist.");
        IReadOnlyList<string> names = streams.Keys.Where(n => n.StartsWith(streamPrefix, StringComparison.Ordinal)).ToList();
        return Task.FromResult(names);
    }

    public async IAsyncEnumerable<LogEventRecord> GetLogEventsAsync(string logGroup, string logStream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (!_groups.TryGetValue(logGroup, out var streams) || !streams.TryGetValue(logStream, out var events) || events is null)
            throw new ResourceNotFoundException("The specified log stream does not exist.");
        foreach (var e in events)
            yield return e;
    }

    private SortedDictionary<string, List<LogEventRecord>?> Group(string group)
    {
        if (!_groups.TryGetValue(group, out var streams))
            _groups[group] = streams = new SortedDictionary<string, List<LogEventRecord>?>(StringComparer.Ordinal);
        return streams;
    }
}
