using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Transform;

/// <summary>
/// The first training year's rows that some vocabulary could keep (every coordinate present, neither actor at
/// (0, 0)), held while the vocabulary is still being counted: <see cref="KeptRows"/>' label and five numbers, and
/// the row's event code as its index in <see cref="EventCodeTally"/> in place of the one-hot column, 28 bytes a row
/// (3 more than a kept row), in file order. <see cref="Keep"/> then compacts them into <see cref="KeptRows"/> in
/// place, so the first year costs 28 bytes per row with valid coordinates, where a later year costs 25 per kept row.
/// </summary>
internal sealed class CandidateRows
{
    public const int BytesPerRow = KeptRows.NumbersPerRow * sizeof(float) + sizeof(int);
    private const int NumbersPerRow = KeptRows.NumbersPerRow;
    private const int BlockBits = KeptRows.BlockBits;
    private const int BlockRows = KeptRows.BlockRows;
    private const int RowInBlock = KeptRows.RowInBlock;
    private float[][] _numbers = [];
    private int[][] _codes = [];

    public int Count { get; private set; }

    public void Add(in GdeltEvent row, int codeIndex)
    {
        var block = Count >> BlockBits;
        var offset = Count & RowInBlock;
        if (offset == 0)
            AddBlock(block);
        KeptRows.WriteNumbers(row, _numbers[block].AsSpan(offset * NumbersPerRow, NumbersPerRow));
        _codes[block][offset] = codeIndex;
        Count++;
    }

    /// <summary>
    /// The candidates whose code has a column (<paramref name="columnOfCode"/>[code index] &gt;= 0), in file order, as
    /// kept rows. The numbers move down within the same blocks; each code block is let go once read, and the one-hot
    /// columns (one byte a kept row) are allocated as they fill, so memory only shrinks. This instance is empty afterwards.
    /// </summary>
    public KeptRows Keep(GdeltTransform transform, ReadOnlySpan<int> columnOfCode)
    {
        var numbers = _numbers;
        var codes = _codes;
        var columns = new byte[numbers.Length][];
        var kept = 0;
        for (var block = 0; block < codes.Length && block << BlockBits < Count; block++)
        {
            var rows = Math.Min(BlockRows, Count - (block << BlockBits));
            var blockCodes = codes[block];
            var blockNumbers = numbers[block];
            for (var offset = 0; offset < rows; offset++)
            {
                var column = columnOfCode[blockCodes[offset]];
                if (column < 0)
                    continue;
                var to = kept & RowInBlock;
                var toBlock = kept >> BlockBits;
                if (to == 0)
                    columns[toBlock] = new byte[BlockRows];
                if (toBlock != block || to != offset)
                    blockNumbers.AsSpan(offset * NumbersPerRow, NumbersPerRow).CopyTo(numbers[toBlock].AsSpan(to * NumbersPerRow));
                columns[toBlock][to] = checked((byte)column);
                kept++;
            }

            codes[block] = null!; // read: let it go before the next block
        }

        // Blocks past the last kept row held only dropped candidates.
        for (var block = (kept + RowInBlock) >> BlockBits; block < numbers.Length; block++)
            numbers[block] = null!;

        _numbers = [];
        _codes = [];
        Count = 0;
        return new KeptRows(transform, numbers, columns, kept);
    }

    private void AddBlock(int block)
    {
        if (block == _numbers.Length)
        {
            Array.Resize(ref _numbers, Math.Max(4, 2 * block));
            Array.Resize(ref _codes, Math.Max(4, 2 * block));
        }

        _numbers[block] = new float[BlockRows * NumbersPerRow];
        _codes[block] = new int[BlockRows];
    }
}
