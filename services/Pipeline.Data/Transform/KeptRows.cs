using System.Runtime.CompilerServices;
using Pipeline.Data.Gdelt;
using Pipeline.Data.RecordIO;

namespace Pipeline.Data.Transform;

/// <summary>
/// The kept rows of one year, compactly (label, five numbers and the one-hot column: 25 bytes a row), in file order,
/// so a year can be shuffled and split before anything is written. This is the only per-year memory ingestion needs.
/// </summary>
public sealed class KeptRows(GdeltTransform transform)
{
    private const int NumbersPerRow = 1 + GdeltTransform.NumericFeatures;
    private float[] _numbers = new float[NumbersPerRow * 1024];
    private byte[] _columns = new byte[1024];

    public int Count { get; private set; }

    public GdeltTransform Transform { get; } = transform;

    public void Add(in GdeltEvent row)
    {
        if (Count == _columns.Length)
            Grow();
        var numbers = _numbers.AsSpan(Count * NumbersPerRow, NumbersPerRow);
        numbers[0] = GdeltTransform.Label(row);
        numbers[1] = (float)row.NumArticles;
        numbers[2] = (float)row.Actor1Lat;
        numbers[3] = (float)row.Actor1Long;
        numbers[4] = (float)row.Actor2Lat;
        numbers[5] = (float)row.Actor2Long;
        _columns[Count] = checked((byte)Transform.Vocabulary.ColumnOf(row.EventCode));
        Count++;
    }

    /// <summary>Writes row <paramref name="index"/>'s features (length FeatureDim) and returns its label.</summary>
    public float Read(int index, Span<float> features)
    {
        var numbers = _numbers.AsSpan(index * NumbersPerRow, NumbersPerRow);
        features.Clear();
        numbers[1..].CopyTo(features);
        features[GdeltTransform.NumericFeatures + _columns[index]] = 1f;
        return numbers[0];
    }

    /// <summary>Writes the rows at <paramref name="order"/>, in that order, as dense RecordIO records.</summary>
    // Called once per object, so tiering would leave this loop in its on-stack-replacement code: measured slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteTo(RecordIoWriter writer, ReadOnlySpan<int> order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var features = new float[Transform.FeatureDim];
        for (var i = 0; i < order.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var label = Read(order[i], features);
            writer.WriteDense(features, label);
        }
    }

    private void Grow()
    {
        Array.Resize(ref _numbers, _numbers.Length * 2);
        Array.Resize(ref _columns, _columns.Length * 2);
    }
}
