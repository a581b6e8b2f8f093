using System.Collections.Concurrent;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

/// <summary>Keeps every line each endpoint log stream receives, by "group|stream".</summary>
public sealed class RecordingEndpointLogs : IEndpointLogs
{
    public ConcurrentDictionary<string, Stream> Streams { get; } = new(StringComparer.Ordinal);

    public IHostLog OpenStream(string logGroupName, string logStreamName) =>
        Streams.GetOrAdd($"{logGroupName}|{logStreamName}", _ => new Stream());

    public sealed class Stream : IHostLog
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public void Write(string line) => _lines.Enqueue(line);
    }
}
