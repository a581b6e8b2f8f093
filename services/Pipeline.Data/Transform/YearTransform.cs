using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Transform;

/// <summary>One year file through the transform: what was kept (in file order) and why the rest was not.</summary>
public sealed class YearTransform
{
    private readonly Dictionary<string, long> _dropped = [];

    private YearTransform(KeptRows kept) => Kept = kept;

    public KeptRows Kept { get; }

    public long RowsRead { get; private set; }

    /// <summary>The reader's account of the file, with the first line numbers of each kind of malformed row.</summary>
    public GdeltReadReport Report { get; private set; } = null!;

    /// <summary>Rows not kept, by reason: malformed rows by the reader's reason, the rest by <see cref="RowFate"/>.</summary>
    public IReadOnlyDictionary<string, long> Dropped => _dropped;

    /// <summary>Counts every event code of a year over all its well-formed rows: the vocabulary's first pass.</summary>
    public static Dictionary<int, long> CountCodes(GdeltReader reader)
    {
        var counts = new Dictionary<int, long>();
        while (reader.TryRead(out var row))
            counts[row.EventCode] = counts.GetValueOrDefault(row.EventCode) + 1;
        return counts;
    }

    public static YearTransform Apply(GdeltReader reader, GdeltTransform transform)
    {
        var year = new YearTransform(new KeptRows(transform));
        while (reader.TryRead(out var row))
        {
            var fate = transform.Classify(row);
            if (fate == RowFate.Kept)
                year.Kept.Add(row);
            else
                year.Count(fate.Reason(), 1);
        }

        year.Report = reader.Report;
        year.RowsRead = year.Report.RowsRead;
        foreach (var (reason, rows) in year.Report.Malformed)
            year.Count($"malformed: {reason}", rows.Count);
        return year;
    }

    private void Count(string reason, long rows) => _dropped[reason] = _dropped.GetValueOrDefault(reason) + rows;
}
