using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Pipeline.Data.Gdelt;
using Pipeline.Data.IO;

namespace Pipeline.Data.Transform;

/// <summary>
/// The first training year's rows that some vocabulary could keep (every coordinate present, neither actor at
/// (0, 0)), set aside on disk while the vocabulary is still being counted: <see cref="KeptRows"/>' label and five
/// numbers, and the row's event code as its index in <see cref="EventCodeTally"/> in place of the one-hot column, 28
/// bytes a row, in file order, in a temporary file deleted on disposal. Held in memory, they had cost 1.8 times the
/// kept rows of a generated year (and any multiple of them for a year whose codes are mostly outside the vocabulary);
/// on disk, the first year costs what any other year does: its kept rows and a fixed buffer.
/// </summary>
internal sealed class CandidateRows : IDisposable
{
    public const int BytesPerRow = NumbersPerRow * sizeof(float) + sizeof(int);
    private const int NumbersPerRow = KeptRows.NumbersPerRow;
    private const int BufferRows = 1 << 15; // 896 KB

    private readonly FileStream _file;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferRows * BytesPerRow);
    private int _buffered;

    /// <param name="folder">Where the temporary file goes (<see cref="PipelineTempFiles.Folder"/>, $TMPDIR/pipeline, by default).</param>
    public CandidateRows(string? folder = null)
    {
        var path = PipelineTempFiles.NewPath("pipeline-candidates", ".tmp", folder);
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0,
            FileOptions.DeleteOnClose | FileOptions.SequentialScan);
    }

    public int Count { get; private set; }

    /// <summary>Bytes set aside on disk so far.</summary>
    public long SpilledBytes => (long)Count * BytesPerRow;

    public void Add(in GdeltEvent row, int codeIndex)
    {
        if (_buffered == BufferRows)
            Spill();
        var record = _buffer.AsSpan(_buffered * BytesPerRow, BytesPerRow);
        KeptRows.WriteNumbers(row, MemoryMarshal.Cast<byte, float>(record[..(NumbersPerRow * sizeof(float))]));
        BinaryPrimitives.WriteInt32LittleEndian(record[(NumbersPerRow * sizeof(float))..], codeIndex);
        _buffered++;
        Count++;
    }

    /// <summary>
    /// The candidates whose code has a column (<paramref name="columnOfCode"/>[code index] &gt;= 0), in file order, as
    /// kept rows, read back a buffer at a time.
    /// </summary>
    public KeptRows Keep(GdeltTransform transform, ReadOnlySpan<int> columnOfCode)
    {
        Spill();
        _file.Position = 0;
        var kept = new KeptRows(transform);
        for (var left = Count; left > 0;)
        {
            var rows = Math.Min(left, BufferRows);
            _file.ReadExactly(_buffer, 0, rows * BytesPerRow);
            for (var i = 0; i < rows; i++)
            {
                var record = _buffer.AsSpan(i * BytesPerRow, BytesPerRow);
                var column = columnOfCode[BinaryPrimitives.ReadInt32LittleEndian(record[(NumbersPerRow * sizeof(float))..])];
                if (column >= 0)
                    kept.Add(MemoryMarshal.Cast<byte, float>(record[..(NumbersPerRow * sizeof(float))]), column);
            }

            left -= rows;
        }

        return kept;
    }

    private void Spill()
    {
        _file.Write(_buffer, 0, _buffered * BytesPerRow);
        _buffered = 0;
    }

    public void Dispose()
    {
        _file.Dispose();
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }
}
