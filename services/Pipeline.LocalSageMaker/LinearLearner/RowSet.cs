namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// A channel's rows held in memory: dense float features row-major in blocks of <see cref="BlockRows"/> rows (so no
/// single array grows past what an array can hold), labels beside them. Normalised in place once the statistics are known.
/// </summary>
internal sealed class RowSet
{
    public const int BlockRows = 16_384;

    private readonly List<float[]> _features = [];
    private readonly List<float[]> _labels = [];

    public RowSet(int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        FeatureCount = featureCount;
    }

    public int FeatureCount { get; }

    public long Count { get; private set; }

    public int BlockCount => _features.Count;

    public void Add(ReadOnlySpan<float> features, float label)
    {
        var offset = (int)(Count % BlockRows);
        if (offset == 0)
        {
            _features.Add(new float[BlockRows * FeatureCount]);
            _labels.Add(new float[BlockRows]);
        }

        features.CopyTo(_features[^1].AsSpan(offset * FeatureCount, FeatureCount));
        _labels[^1][offset] = label;
        Count++;
    }

    /// <summary>The rows of block <paramref name="block"/>: features (rows × FeatureCount) and labels.</summary>
    public int Block(int block, out Span<float> features, out Span<float> labels)
    {
        var rows = (int)Math.Min(BlockRows, Count - ((long)block * BlockRows));
        features = _features[block].AsSpan(0, rows * FeatureCount);
        labels = _labels[block].AsSpan(0, rows);
        return rows;
    }

    /// <summary>The rows of block <paramref name="block"/> that lie in <paramref name="range"/> (possibly none).</summary>
    public int Block(int block, RowRange range, out Span<float> features, out Span<float> labels)
    {
        var first = (long)block * BlockRows;
        var rows = Block(block, out features, out labels);
        var from = (int)Math.Clamp(range.Start - first, 0, rows);
        var to = (int)Math.Clamp(range.End - first, from, rows);
        features = features[(from * FeatureCount)..(to * FeatureCount)];
        labels = labels[from..to];
        return to - from;
    }

    /// <summary>The blocks holding rows of <paramref name="range"/>: [first, end).</summary>
    public (int First, int End) Blocks(RowRange range) => range.Count <= 0
        ? (0, 0)
        : ((int)(range.Start / BlockRows), (int)Math.Min(BlockCount, ((range.End - 1) / BlockRows) + 1));

    public ReadOnlySpan<float> Features(long row) =>
        _features[(int)(row / BlockRows)].AsSpan((int)(row % BlockRows) * FeatureCount, FeatureCount);

    public float Label(long row) => _labels[(int)(row / BlockRows)][(int)(row % BlockRows)];
}
