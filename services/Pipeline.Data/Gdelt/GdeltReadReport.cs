namespace Pipeline.Data.Gdelt;

/// <summary>
/// What a <see cref="GdeltReader"/> has seen so far: every line is either returned or counted under one reason
/// (<see cref="GdeltMalformedReason"/>), so <c>RowsRead == RowsReturned + MalformedRows</c>.
/// </summary>
public sealed class GdeltReadReport(string sourceName)
{
    public const int LinesKeptPerReason = 5;

    private readonly Dictionary<string, MalformedRows> _malformed = new(StringComparer.Ordinal);

    public string SourceName { get; } = sourceName;

    /// <summary>Lines seen, returned or not.</summary>
    public long RowsRead { get; private set; }

    public long RowsReturned { get; private set; }

    public long MalformedRows { get; private set; }

    /// <summary>Per reason: how many lines, and the line numbers of the first <see cref="LinesKeptPerReason"/>.</summary>
    public IReadOnlyDictionary<string, MalformedRows> Malformed => _malformed;

    internal void CountReturned()
    {
        RowsRead++;
        RowsReturned++;
    }

    internal void CountMalformed(string reason, long line)
    {
        RowsRead++;
        MalformedRows++;
        if (!_malformed.TryGetValue(reason, out var rows))
            _malformed[reason] = rows = new MalformedRows();
        rows.Add(line);
    }

    public override string ToString() =>
        $"{SourceName}: {RowsRead:N0} rows read, {RowsReturned:N0} returned"
        + string.Concat(_malformed.Select(m => $", {m.Value.Count:N0} {m.Key} (lines {string.Join(", ", m.Value.FirstLines)}{(m.Value.Count > m.Value.FirstLines.Count ? ", ..." : "")})"));
}

/// <summary>The lines of one file that share one malformation.</summary>
public sealed class MalformedRows
{
    private readonly List<long> _firstLines = new(GdeltReadReport.LinesKeptPerReason);

    public long Count { get; private set; }

    /// <summary>1-based line numbers of the first few, in file order.</summary>
    public IReadOnlyList<long> FirstLines => _firstLines;

    internal void Add(long line)
    {
        Count++;
        if (_firstLines.Count < GdeltReadReport.LinesKeptPerReason)
            _firstLines.Add(line);
    }
}
