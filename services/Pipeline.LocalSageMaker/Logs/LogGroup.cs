using System.Collections.Concurrent;

namespace Pipeline.LocalSageMaker.Logs;

/// <summary>A log group: its streams by name, each numbered in the order it was created.</summary>
public sealed class LogGroup(string name, long creationTime)
{
    private readonly ConcurrentDictionary<string, StoredLogStream> _streams = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Name { get; } = name;

    public long CreationTime { get; } = creationTime;

    /// <summary>The stream of that name, created by <paramref name="create"/> (given its ordinal) when there is none yet.</summary>
    public StoredLogStream GetOrCreate(string streamName, Func<int, StoredLogStream> create)
    {
        if (_streams.TryGetValue(streamName, out var existing))
            return existing;
        lock (_gate)
            return _streams.TryGetValue(streamName, out existing) ? existing : _streams[streamName] = create(_streams.Count);
    }

    public StoredLogStream? Find(string streamName) => _streams.GetValueOrDefault(streamName);

    public List<StoredLogStream> Streams() => [.. _streams.Values];
}
