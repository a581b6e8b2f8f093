namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>The rows [Start, Start + Count) of a <see cref="RowSet"/> that one host works on.</summary>
internal readonly record struct RowRange(long Start, long Count)
{
    /// <summary>Granularity of a share: the rows <see cref="ModelBank"/> sums in float before adding to its double totals.</summary>
    public const int ChunkRows = ModelBank.LossFlushRows;

    public long End => Start + Count;

    public static RowRange All(RowSet? rows) => new(0, rows?.Count ?? 0);

    /// <summary>
    /// Host <paramref name="host"/>'s share of rows that every one of <paramref name="hosts"/> hosts holds alike
    /// (a FullyReplicated channel): the contiguous block <paramref name="host"/> of <paramref name="hosts"/>, cut at
    /// multiples of <see cref="ChunkRows"/>. The shares cover every row once, and since a share starts where a single
    /// pass over all rows would flush its float partial sums, the hosts' partial sums are the very numbers a single
    /// pass adds up: only the order of the double additions differs.
    /// </summary>
    public static RowRange Share(long rows, int host, int hosts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hosts);
        ArgumentOutOfRangeException.ThrowIfNegative(host);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(host, hosts);
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        var start = Math.Min(rows, chunks * host / hosts * ChunkRows);
        var end = Math.Min(rows, chunks * (host + 1) / hosts * ChunkRows);
        return new RowRange(start, end - start);
    }
}
