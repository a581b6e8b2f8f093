using Pipeline.Data.RecordIO;
using System.Runtime.CompilerServices;
using Pipeline.Data.Text;

namespace Pipeline.Evaluator;

/// <summary>
/// Cuts test rows into text/csv request bodies the way the notebook's np2csv does (features only, ',' between
/// values, '\n' between rows, no trailing newline, numbers as %g), each body at most <c>maxBatchBytes</c>. Every row
/// goes into exactly one batch, in order. Batches are produced one at a time, so the caller holds only those it
/// has not finished with.
/// </summary>
/// <param name="exactNumbers">
/// Write each number as the shortest text that reads back as the same float instead of %g: for a test set that was
/// CSV to begin with (the generated sales), whose rows are sent as they were written; %g's 6 digits would move values
/// such as 38/28 across the split thresholds a tree learnt from the exact ones.
/// </param>
public sealed class CsvBatcher
{
    private readonly int _maxBatchBytes;
    private readonly bool _exactNumbers;

    public CsvBatcher(int maxBatchBytes, bool exactNumbers = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchBytes, 1);
        _maxBatchBytes = maxBatchBytes;
        _exactNumbers = exactNumbers;
    }

    /// <summary>The batcher for a test object: exact numbers for a label-first CSV one, the notebook's %g for RecordIO.</summary>
    public static CsvBatcher For(string testObject, int maxBatchBytes) =>
        new(maxBatchBytes, exactNumbers: ObjectStoreTestSetReader.IsCsv(testObject));

    public async IAsyncEnumerable<CsvBatch> BatchAsync(IAsyncEnumerable<DenseRow> rows,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var builder = new Builder(_maxBatchBytes, _exactNumbers);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (builder.Add(row) is { } full)
                yield return full;
        }

        if (builder.Finish() is { } last)
            yield return last;
    }

    public IEnumerable<CsvBatch> Batch(IEnumerable<DenseRow> rows)
    {
        var builder = new Builder(_maxBatchBytes, _exactNumbers);
        foreach (var row in rows)
        {
            if (builder.Add(row) is { } full)
                yield return full;
        }

        if (builder.Finish() is { } last)
            yield return last;
    }

    private sealed class Builder(int maxBatchBytes, bool exactNumbers)
    {
        /// <summary>"-1.17549435E-38", the longest shortest round-trip text of a float, is 15 bytes; %g's is 13.</summary>
        private const int MaxNumberLength = 16;

        private byte[] _body = [];
        private int _length;
        private readonly List<float> _labels = [];
        private byte[] _row = new byte[1024];
        private int _batchIndex;
        private long _rowIndex;
        private long _firstRow;

        /// <summary>Adds a row; returns the previous batch when the row did not fit in it.</summary>
        public CsvBatch? Add(DenseRow row)
        {
            var rowLength = FormatRow(row.Features);
            if (rowLength > maxBatchBytes)
                throw new InvalidDataException(
                    $"Test row {_rowIndex} is {rowLength:N0} bytes as CSV, more than the {maxBatchBytes:N0}-byte request limit " +
                    "(Evaluator:MaxBatchBytes); it cannot be sent to the endpoint.");

            CsvBatch? full = null;
            var separator = _labels.Count > 0 ? 1 : 0;
            if (_length + separator + rowLength > maxBatchBytes)
            {
                full = Finish();
                separator = 0;
            }

            EnsureCapacity(_length + separator + rowLength);
            if (separator == 1)
                _body[_length++] = (byte)'\n';
            _row.AsSpan(0, rowLength).CopyTo(_body.AsSpan(_length));
            _length += rowLength;
            _labels.Add(row.Label);
            _rowIndex++;
            return full;
        }

        public CsvBatch? Finish()
        {
            if (_labels.Count == 0)
                return null;
            var batch = new CsvBatch(_batchIndex++, _firstRow, _body.AsMemory(0, _length), [.. _labels]);
            // The finished body now belongs to the batch; the next one gets a buffer of its own.
            _body = [];
            _length = 0;
            _labels.Clear();
            _firstRow = _rowIndex;
            return batch;
        }

        private int FormatRow(float[] features)
        {
            if (features.Length == 0)
                throw new InvalidDataException($"Test row {_rowIndex} has no features.");
            var needed = features.Length * (MaxNumberLength + 1);
            if (_row.Length < needed)
                _row = new byte[needed];

            var span = _row.AsSpan();
            var length = 0;
            for (var i = 0; i < features.Length; i++)
            {
                if (i > 0)
                    span[length++] = (byte)',';
                length += Write(features[i], span[length..]);
            }

            return length;
        }

        private int Write(float value, Span<byte> destination)
        {
            if (!exactNumbers)
                return GFormat.Write(value, destination);
            if (!value.TryFormat(destination, out var written, "R", System.Globalization.CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"{value} does not fit {destination.Length} bytes.");
            return written;
        }

        private void EnsureCapacity(int needed)
        {
            if (_body.Length >= needed)
                return;
            var size = Math.Min(maxBatchBytes, Math.Max(needed, Math.Max(_body.Length * 2, 64 * 1024)));
            Array.Resize(ref _body, size);
        }
    }
}
