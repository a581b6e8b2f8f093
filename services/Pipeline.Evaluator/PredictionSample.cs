using Pipeline.Contracts;

namespace Pipeline.Evaluator;

/// <summary>
/// An evenly spaced sample of at most <c>capacity</c> (actual, predicted) pairs of a stream whose length is known
/// only at its end: the pairs at rows 0, d, 2d, ... up to the last row, in order, for one spacing d. While the pairs
/// arrive it keeps every s-th one (s a power of two), doubling s and dropping every other kept pair whenever 8 x
/// capacity are held; at the end d is the smallest multiple of s that leaves at most capacity pairs, so the sample
/// has between about 0.8 x capacity and capacity pairs once the stream is longer than capacity. The same pairs in
/// the same order always give the same sample.
/// </summary>
public sealed class PredictionSample
{
    private const int Headroom = 8;

    private readonly int _capacity;
    private readonly double[] _actual;
    private readonly double[] _predicted;
    private int _count;
    private long _stride = 1;
    private long _seen;

    public PredictionSample(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _actual = new double[capacity * Headroom];
        _predicted = new double[capacity * Headroom];
    }

    /// <summary>Pairs seen so far.</summary>
    public long Seen => _seen;

    /// <summary>Adds the next pair in test order; not thread-safe (the caller adds rows in order, so from one place at a time).</summary>
    public void Add(double actual, double predicted)
    {
        if (_seen % _stride == 0)
        {
            if (_count == _actual.Length)
                HalveKept();
            _actual[_count] = actual;
            _predicted[_count] = predicted;
            _count++;
        }

        _seen++;
    }

    public IReadOnlyList<PredictionPoint> ToList()
    {
        var step = (_count + _capacity - 1) / Math.Max(_capacity, 1);
        var points = new List<PredictionPoint>(Math.Min(_count, _capacity));
        for (var i = 0; i < _count; i += Math.Max(step, 1))
            points.Add(new PredictionPoint(_actual[i], _predicted[i]));
        return points;
    }

    /// <summary>
    /// Keeps the pairs at even positions (rows 0, 2s, 4s, ...) and doubles the stride. The array is full, so the row
    /// about to be added is row (8 x capacity) x s, a multiple of the new stride: it is kept too.
    /// </summary>
    private void HalveKept()
    {
        var kept = 0;
        for (var i = 0; i < _count; i += 2, kept++)
        {
            _actual[kept] = _actual[i];
            _predicted[kept] = _predicted[i];
        }

        _count = kept;
        _stride *= 2;
    }
}
