namespace Pipeline.JobWatcher;

/// <summary>
/// How long to wait before the next poll. Without throttling that is the poll interval; after n throttled
/// polls in a row the ceiling doubles n times (capped at MaxBackoff) and the delay is drawn uniformly between
/// the poll interval and that ceiling ("full jitter" above a floor: a throttled watcher never polls faster
/// than an unthrottled one, and many watchers throttled together spread out).
/// </summary>
public sealed class PollBackoff
{
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _maxBackoff;
    private readonly Random _random;

    public PollBackoff(TimeSpan pollInterval, TimeSpan maxBackoff, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, pollInterval);
        _pollInterval = pollInterval;
        _maxBackoff = maxBackoff;
        _random = random;
    }

    /// <summary>The largest delay after <paramref name="throttled"/> throttled polls in a row.</summary>
    public TimeSpan CeilingAfter(int throttled)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(throttled);
        // Doubles; past 2^63 ticks it is infinite, and the cap takes over either way.
        var ticks = _pollInterval.Ticks * Math.Pow(2, throttled);
        return ticks >= _maxBackoff.Ticks ? _maxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    public TimeSpan DelayAfter(int throttled)
    {
        var ceiling = CeilingAfter(throttled);
        var jitter = (ceiling - _pollInterval).Ticks * _random.NextDouble();
        return _pollInterval + TimeSpan.FromTicks((long)jitter);
    }
}
