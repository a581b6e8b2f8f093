using Pipeline.Contracts;

namespace Pipeline.Evaluator;

/// <summary>
/// An evenly spaced sample of at most <c>capacity</c> (actual, predicted) pairs of a stream whose length n is known
/// only at its end, in stream order: the pairs at rows floor(i x n / capacity), i = 0 .. capacity - 1 (every row when
/// n is at most capacity). While the pairs arrive it keeps every s-th one (s a power of two, 1 until 16 x capacity
/// rows have come), halving what it holds whenever that is full; so for up to 16 x capacity rows the sample is exactly
/// those rows, and beyond, each sampled row is a kept one less than s from its target, which is under an eighth of
/// the spacing n / capacity. The same pairs in the same order always give the same sample.
/// </summary>
public sealed class PredictionSample
{
    private const int Headroom = 16;

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
        var take = Math.Min(_count, _capacity);
        var points = new List<PredictionPoint>(take);
        // Kept pair j is row j x s and _count = ceil(n / s), so with s = 1 this is row floor(i x n / capacity).
        for (var i = 0; i < take; i++)
        {
            var j = (int)((long)i * _count / take);
            points.Add(new PredictionPoint(_actual[j], _predicted[j]));
        }

        return points;
    }

    /// <summary>
    /// Keeps the pairs at even positions (rows 0, 2s, 4s, ...) and doubles the stride. The array is full, so the row
    /// about to be added is row (16 x capacity) x s, a multiple of the new stride: it is kept too.
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
