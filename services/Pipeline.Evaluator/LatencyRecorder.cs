using System.Diagnostics;
using Pipeline.Contracts;

namespace Pipeline.Evaluator;

/// <summary>
/// Round trips of InvokeEndpoint, recorded from any thread as <see cref="Stopwatch"/> timestamp differences (one
/// long per call, nothing allocated per call but the occasional doubling of the array), and their percentiles.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private long[] _ticks = new long[64];
    private int _count;

    public int Count
    {
        get
        {
            lock (_lock)
                return _count;
        }
    }

    /// <param name="startTimestamp">From <see cref="Stopwatch.GetTimestamp"/> just before the call.</param>
    /// <param name="endTimestamp">From <see cref="Stopwatch.GetTimestamp"/> once the answer is in.</param>
    public void Record(long startTimestamp, long endTimestamp)
    {
        var elapsed = endTimestamp - startTimestamp;
        lock (_lock)
        {
            if (_count == _ticks.Length)
                Array.Resize(ref _ticks, _count * 2);
            _ticks[_count++] = elapsed;
        }
    }

    /// <summary>p50, p95 and p99 by the nearest-rank method, in milliseconds; null when nothing was recorded.</summary>
    public InvocationLatency? ToLatency()
    {
        long[] sorted;
        lock (_lock)
            sorted = _ticks[.._count];
        if (sorted.Length == 0)
            return null;
        Array.Sort(sorted);
        return new InvocationLatency(Milliseconds(NearestRank(sorted, 50)), Milliseconds(NearestRank(sorted, 95)),
            Milliseconds(NearestRank(sorted, 99)));
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest recorded value with at least <paramref name="percent"/> % of the
    /// values at or below it, i.e. the ceil(percent/100 x n)-th smallest (1-based). Always one of the recorded
    /// values, never an interpolation between two.
    /// </summary>
    public static long NearestRank(ReadOnlySpan<long> sorted, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (sorted.IsEmpty)
            throw new ArgumentException("No values to take a percentile of.", nameof(sorted));
        // Integer arithmetic: 0.95 * 20 in doubles may land a hair above 19 and round up to the wrong rank.
        var rank = (int)(((long)percent * sorted.Length + 99) / 100);
        return sorted[rank - 1];
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
