using Pipeline.Aws.Logs;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Logs;

/// <summary>
/// A log stream held in memory: each line written is one event stamped with the time it was written. It keeps at
/// most a given number of events, dropping the oldest; events keep their sequence numbers, so tokens stay valid.
/// </summary>
public sealed class StoredLogStream : IHostLog
{
    /// <summary>CloudWatch's largest event is 256 KiB less 26 bytes of overhead; longer lines are cut there.</summary>
    public const int MaxMessageChars = 256 * 1024 - 26;

    private readonly Lock _gate = new();
    private readonly List<StoredLogEvent> _events = [];
    private readonly TimeProvider _time;
    private readonly int _maxEvents;
    private long _firstSequence;

    public StoredLogStream(string name, string arn, int ordinal, TimeProvider time, int maxEvents)
    {
        Name = name;
        Arn = arn;
        Ordinal = ordinal;
        _time = time;
        _maxEvents = maxEvents;
        CreationTime = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public string Name { get; }

    public string Arn { get; }

    /// <summary>Order of creation in its group; part of the event ids.</summary>
    public int Ordinal { get; }

    public long CreationTime { get; }

    public void Write(string line) => Append(line);

    /// <summary>Writes <paramref name="line"/> as one event and returns the event's timestamp.</summary>
    public DateTimeOffset Append(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var message = line.Length > MaxMessageChars ? line[..MaxMessageChars] : line;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            // A stream's events are in time order, whatever the clock does (it never drops its last event).
            var timestamp = _events.Count > 0 ? Math.Max(now, _events[^1].Timestamp) : now;
            _events.Add(new StoredLogEvent(_firstSequence + _events.Count, timestamp, timestamp, message));
            if (_events.Count > _maxEvents)
            {
                // Drop a tenth at once so that a full stream does not shift its whole list on every write.
                var drop = Math.Max(1, _maxEvents / 10);
                _events.RemoveRange(0, drop);
                _firstSequence += drop;
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(timestamp);
        }
    }

    public LogStream Describe()
    {
        lock (_gate)
        {
            return new LogStream
            {
                LogStreamName = Name,
                Arn = Arn,
                CreationTime = CreationTime,
                FirstEventTimestamp = _events.Count > 0 ? _events[0].Timestamp : null,
                LastEventTimestamp = _events.Count > 0 ? _events[^1].Timestamp : null,
                LastIngestionTime = _events.Count > 0 ? _events[^1].IngestionTime : null,
                StoredBytes = 0, // deprecated by CloudWatch, which answers 0
            };
        }
    }

    /// <summary>The timestamp of the last event, or null when there is none.</summary>
    public long? LastEventTimestamp
    {
        get
        {
            lock (_gate)
                return _events.Count > 0 ? _events[^1].Timestamp : null;
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events in time order, read forward from sequence <paramref name="from"/> or
    /// backward from just before it, within [<paramref name="startTime"/>, <paramref name="endTime"/>), and at most
    /// <paramref name="maxBytes"/> of messages. Null <paramref name="from"/> means the first event forward, the end backward.
    /// </summary>
    public (List<StoredLogEvent> Events, long From) Read(long? from, bool forward, long? startTime, long? endTime, int limit, int maxBytes)
    {
        var found = new List<StoredLogEvent>();
        lock (_gate)
        {
            var next = _firstSequence + _events.Count;
            var position = from ?? (forward ? _firstSequence : next);
            var budget = maxBytes;
            if (forward)
            {
                for (var i = Math.Max(position, _firstSequence) - _firstSequence; i < _events.Count && found.Count < limit; i++)
                {
                    var e = _events[(int)i];
                    if (e.Timestamp < startTime)
                        continue;
                    if (e.Timestamp >= endTime || (budget -= Cost(e)) < 0)
                        break;
                    found.Add(e);
                }
            }
            else
            {
                for (var i = Math.Min(position, next) - _firstSequence - 1; i >= 0 && found.Count < limit; i--)
                {
                    var e = _events[(int)i];
                    if (e.Timestamp >= endTime)
                        continue;
                    if (e.Timestamp < startTime || (budget -= Cost(e)) < 0)
                        break;
                    found.Add(e);
                }

                found.Reverse();
            }

            return (found, position);
        }
    }

    /// <summary>Every held event within [<paramref name="startTime"/>, <paramref name="endTime"/>] that <paramref name="pattern"/> matches.</summary>
    public List<StoredLogEvent> Matching(long? startTime, long? endTime, LogFilterPattern pattern)
    {
        lock (_gate)
        {
            var found = new List<StoredLogEvent>();
            foreach (var e in _events)
                if (e.Timestamp >= (startTime ?? long.MinValue) && e.Timestamp <= (endTime ?? long.MaxValue) && pattern.Matches(e.Message))
                    found.Add(e);
            return found;
        }
    }

    /// <summary>How CloudWatch counts an event against a response's 1 MB: its message plus 26 bytes.</summary>
    internal static int Cost(StoredLogEvent e) => System.Text.Encoding.UTF8.GetByteCount(e.Message) + 26;
}
