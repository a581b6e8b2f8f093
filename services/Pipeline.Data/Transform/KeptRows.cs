using System.Runtime.CompilerServices;
using Pipeline.Data.Gdelt;
using Pipeline.Data.RecordIO;

namespace Pipeline.Data.Transform;

/// <summary>
/// The kept rows of one year, compactly (label, five numbers and the one-hot column: 25 bytes a row), in file order,
/// so a year can be shuffled and split before anything is written. This is the only per-year memory ingestion needs
/// (the first training year sets its other rows aside on disk while its vocabulary is counted: see <see cref="CandidateRows"/>).
/// Rows live in blocks of 65,536 that are never copied or replaced, so memory is the rows plus at most one block
/// (1.6 MB), without the doubling and the discarded arrays of a growing array.
/// </summary>
public sealed class KeptRows
{
    public const int BytesPerRow = NumbersPerRow * sizeof(float) + sizeof(byte);
    internal const int NumbersPerRow = 1 + GdeltTransform.NumericFeatures;
    internal const int BlockBits = 16;
    internal const int BlockRows = 1 << BlockBits;
    internal const int RowInBlock = BlockRows - 1;
    private const int ShuffleBatch = 64;
    private float[][] _numbers = [];
    private byte[][] _columns = [];

    public KeptRows(GdeltTransform transform) => Transform = transform;

    public int Count { get; private set; }

    public GdeltTransform Transform { get; }

    public void Add(in GdeltEvent row) => Add(row, Transform.Vocabulary.ColumnOf(row.EventCode));

    /// <summary>Adds a row whose one-hot column the caller has already looked up.</summary>
    internal void Add(in GdeltEvent row, int column) => WriteNumbers(row, Append(column));

    /// <summary>Adds a row given as a block holds it (<see cref="WriteNumbers"/>) and its one-hot column.</summary>
    internal void Add(ReadOnlySpan<float> numbers, int column) => numbers[..NumbersPerRow].CopyTo(Append(column));

    /// <summary>A new row with its one-hot column set: where its numbers go.</summary>
    private Span<float> Append(int column)
    {
        var block = Count >> BlockBits;
        var offset = Count & RowInBlock;
        if (offset == 0)
            AddBlock(block);
        _columns[block][offset] = checked((byte)column);
        Count++;
        return _numbers[block].AsSpan(offset * NumbersPerRow, NumbersPerRow);
    }

    /// <summary>A row's label and five numbers as a block holds them.</summary>
    internal static void WriteNumbers(in GdeltEvent row, Span<float> numbers)
    {
        numbers[5] = (float)row.Actor2Long; // the highest index first: one bounds check for the six

        numbers[0] = GdeltTransform.Label(row);
        numbers[1] = (float)row.NumArticles;
        numbers[2] = (float)row.Actor1Lat;
        numbers[3] = (float)row.Actor1Long;
        numbers[4] = (float)row.Actor2Lat;
    }

    /// <summary>Writes row <paramref name="index"/>'s features (length FeatureDim) and returns its label.</summary>
    public float Read(int index, Span<float> features)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        var block = index >> BlockBits;
        var offset = index & RowInBlock;
        var numbers = _numbers[block].AsSpan(offset * NumbersPerRow, NumbersPerRow);
        features.Clear();
        numbers[1..].CopyTo(features);
        features[GdeltTransform.NumericFeatures + _columns[block][offset]] = 1f;
        return numbers[0];
    }

    /// <summary>
    /// Reorders the rows in place as numpy's <c>permutation(Count)</c> for <paramref name="seed"/> orders them (what the
    /// notebook's <c>sample(frac=1, random_state=seed)</c> does), so the split is two ranges and the objects are
    /// written in sequence, with no index array beside the rows.
    /// </summary>
    public void Shuffle(int seed)
    {
        // RandomState.shuffle's exchanges, in its order: position i (from the last down to 1) with a partner drawn from
        // [0, i]. The partners of a batch are drawn first, so the exchanges run back to back and their misses overlap.
        var random = new NumpyRandomState(unchecked((uint)seed));
        Span<int> partners = stackalloc int[ShuffleBatch];
        for (var i = Count - 1; i >= 1; i -= partners.Length)
        {
            var batch = partners[..Math.Min(partners.Length, i)];
            for (var k = 0; k < batch.Length; k++)
                batch[k] = random.Interval(i - k);
            for (var k = 0; k < batch.Length; k++)
                Exchange(i - k, batch[k]);
        }
    }

    private void Exchange(int i, int j)
    {
        var a = _numbers[i >> BlockBits].AsSpan((i & RowInBlock) * NumbersPerRow, NumbersPerRow);
        var b = _numbers[j >> BlockBits].AsSpan((j & RowInBlock) * NumbersPerRow, NumbersPerRow);
        Span<float> held = stackalloc float[NumbersPerRow];
        a.CopyTo(held);
        b.CopyTo(a);
        held.CopyTo(b);
        ref var columnA = ref _columns[i >> BlockBits][i & RowInBlock];
        ref var columnB = ref _columns[j >> BlockBits][j & RowInBlock];
        (columnA, columnB) = (columnB, columnA);
    }

    /// <summary>Writes <paramref name="rows"/> (a range of row indices), in order, as dense RecordIO records.</summary>
    // Called once per object, so tiering would leave this loop in its on-stack-replacement code: measured slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteTo(RecordIoWriter writer, Range rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (start, length) = rows.GetOffsetAndLength(Count);
        var features = new float[Transform.FeatureDim];
        for (var index = start; index < start + length; index++)
        {
            if ((index & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var label = Read(index, features);
            writer.WriteDense(features, label);
        }
    }

    private void AddBlock(int block)
    {
        if (block == _numbers.Length)
        {
            Array.Resize(ref _numbers, Math.Max(4, 2 * block));
            Array.Resize(ref _columns, Math.Max(4, 2 * block));
        }

        _numbers[block] = new float[BlockRows * NumbersPerRow];
        _columns[block] = new byte[BlockRows];
    }
}
