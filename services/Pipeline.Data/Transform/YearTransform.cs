using System.Runtime.CompilerServices;
using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Transform;

/// <summary>One year file through the transform: what was kept (in file order) and why the rest was not.</summary>
public sealed class YearTransform
{
    private static readonly RowFate[] DropFates = [RowFate.CodeOutsideVocabulary, RowFate.ActorAtZeroZero, RowFate.MissingCoordinates];
    private readonly Dictionary<string, long> _dropped = [];

    private YearTransform(KeptRows kept, long spilledBytes = 0)
    {
        Kept = kept;
        SpilledBytes = spilledBytes;
    }

    public KeptRows Kept { get; }

    public long RowsRead { get; private set; }

    /// <summary>
    /// Bytes of rows set aside on disk while the vocabulary was counted: for <see cref="ApplyChoosingVocabulary"/>, its
    /// rows with valid coordinates (<see cref="CandidateRows.BytesPerRow"/> each); 0 for <see cref="Apply"/>.
    /// </summary>
    public long SpilledBytes { get; }

    /// <summary>The reader's account of the file, with the first line numbers of each kind of malformed row.</summary>
    public GdeltReadReport Report { get; private set; } = null!;

    /// <summary>
    /// Rows not kept, by reason, each reason where its first row put it: the rest by <see cref="RowFate"/>, then
    /// malformed rows by the reader's reason.
    /// </summary>
    public IReadOnlyDictionary<string, long> Dropped => _dropped;

    /// <summary>Counts every event code of a year over all its well-formed rows: what the vocabulary is chosen from.</summary>
    public static Dictionary<int, long> CountCodes(GdeltReader reader)
    {
        var counts = new Dictionary<int, long>();
        while (reader.TryRead(out var row))
            counts[row.EventCode] = counts.GetValueOrDefault(row.EventCode) + 1;
        return counts;
    }

    // Called once per year, so tiering would leave its loop in on-stack-replacement code (as KeptRows.WriteTo).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static YearTransform Apply(GdeltReader reader, GdeltTransform transform)
    {
        var kept = new KeptRows(transform);
        Span<long> dropped = stackalloc long[DropFates.Length + 1];
        var reasons = new List<RowFate>(DropFates.Length);
        while (reader.TryRead(out var row))
        {
            var fate = transform.Classify(row, out var column);
            if (fate == RowFate.Kept)
                kept.Add(row, column);
            else if (dropped[(int)fate]++ == 0)
                reasons.Add(fate);
        }

        var year = new YearTransform(kept);
        foreach (var fate in reasons)
            year.Count(fate.Reason(), dropped[(int)fate]);
        return year.Finish(reader);
    }

    /// <summary>
    /// The first training year in one pass: chooses the vocabulary (the <paramref name="vocabularySize"/> most frequent
    /// codes over all its rows, as <see cref="CountCodes"/> and <see cref="EventVocabulary.MostFrequent"/>) and
    /// transforms the year with it, with the same kept rows, counts and order of reasons as <see cref="Apply"/> given
    /// that vocabulary. Until the vocabulary is known, every row with valid coordinates waits in a temporary file in
    /// <paramref name="spillFolder"/> (<see cref="CandidateRows"/>), so memory holds no more than the kept rows;
    /// a row's drop reason follows the notebook's filter order, so a (0, 0) row whose code turns out to be outside the
    /// vocabulary counts as outside the vocabulary. The vocabulary is <c>Kept.Transform.Vocabulary</c>.
    /// </summary>
    /// <param name="spillFolder">The temporary file's folder; null: <see cref="IO.PipelineTempFiles.Folder"/> ($TMPDIR/pipeline).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static YearTransform ApplyChoosingVocabulary(GdeltReader reader, int vocabularySize = EventVocabulary.DefaultSize,
        string? spillFolder = null)
    {
        var codes = new EventCodeTally();
        using var candidates = new CandidateRows(spillFolder);
        long rowNumber = 0;
        while (reader.TryRead(out var row))
        {
            ref var code = ref codes.Of(row.EventCode, rowNumber, out var codeIndex);
            code.Rows++;
            var fate = GdeltTransform.CoordinateFate(row);
            if (fate == RowFate.Kept)
                candidates.Add(row, codeIndex);
            else
                code.Count(fate, rowNumber);
            rowNumber++;
        }

        var transform = new GdeltTransform(EventVocabulary.MostFrequent(codes.RowsByCode(), vocabularySize));
        var tallies = codes.Tallies;
        var columnOfCode = new int[tallies.Length];
        Span<long> dropped = stackalloc long[DropFates.Length + 1];
        Span<long> firstRow = stackalloc long[DropFates.Length + 1];
        firstRow.Fill(long.MaxValue);
        for (var i = 0; i < tallies.Length; i++)
        {
            ref readonly var tally = ref tallies[i];
            columnOfCode[i] = transform.Vocabulary.ColumnOf(tally.Code);
            if (columnOfCode[i] < 0)
            {
                Drop(RowFate.CodeOutsideVocabulary, tally.Rows, tally.FirstRow, dropped, firstRow);
                continue;
            }

            Drop(RowFate.ActorAtZeroZero, tally.AtZeroZero, tally.FirstAtZeroZero, dropped, firstRow);
            Drop(RowFate.MissingCoordinates, tally.MissingCoordinates, tally.FirstMissingCoordinates, dropped, firstRow);
        }

        var year = new YearTransform(candidates.Keep(transform, columnOfCode), candidates.SpilledBytes);
        // Apply meets each reason first at its first row: count them in that order.
        var reasons = new List<(long FirstRow, RowFate Fate)>(DropFates.Length);
        foreach (var fate in DropFates)
            if (dropped[(int)fate] > 0)
                reasons.Add((firstRow[(int)fate], fate));
        reasons.Sort();
        foreach (var (_, fate) in reasons)
            year.Count(fate.Reason(), dropped[(int)fate]);
        return year.Finish(reader);
    }

    private static void Drop(RowFate fate, long rows, long firstRow, Span<long> dropped, Span<long> firstRows)
    {
        if (rows == 0)
            return;
        dropped[(int)fate] += rows;
        firstRows[(int)fate] = Math.Min(firstRows[(int)fate], firstRow);
    }

    private YearTransform Finish(GdeltReader reader)
    {
        Report = reader.Report;
        RowsRead = Report.RowsRead;
        foreach (var (reason, rows) in Report.Malformed)
            Count($"malformed: {reason}", rows.Count);
        return this;
    }

    private void Count(string reason, long rows) => _dropped[reason] = _dropped.GetValueOrDefault(reason) + rows;
}
