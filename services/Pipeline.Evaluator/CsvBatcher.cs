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
public sealed class CsvBatcher
{
    private readonly int _maxBatchBytes;

    public CsvBatcher(int maxBatchBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchBytes, 1);
        _maxBatchBytes = maxBatchBytes;
    }

    public async IAsyncEnumerable<CsvBatch> BatchAsync(IAsyncEnumerable<DenseRow> rows,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var builder = new Builder(_maxBatchBytes);
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
        var builder = new Builder(_maxBatchBytes);
        foreach (var row in rows)
        {
            if (builder.Add(row) is { } full)
                yield return full;
        }

        if (builder.Finish() is { } last)
            yield return last;
    }

    private sealed class Builder(int maxBatchBytes)
    {
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
            var needed = features.Length * (GFormat.MaxLength + 1);
            if (_row.Length < needed)
                _row = new byte[needed];

            var span = _row.AsSpan();
            var length = 0;
            for (var i = 0; i < features.Length; i++)
            {
                if (i > 0)
                    span[length++] = (byte)',';
                length += GFormat.Write(features[i], span[length..]);
            }

            return length;
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
