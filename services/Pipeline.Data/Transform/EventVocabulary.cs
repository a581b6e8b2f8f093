namespace Pipeline.Data.Transform;

/// <summary>
/// The event codes that become one-hot columns: the most frequent codes of the first training year, counted over all
/// its rows before any filtering, then ordered by numeric value as pandas orders get_dummies columns of integer codes.
/// </summary>
public sealed class EventVocabulary
{
    /// <summary>The notebook keeps the 20 most frequent codes.</summary>
    public const int DefaultSize = 20;

    private readonly Dictionary<int, int> _columns;

    public EventVocabulary(IEnumerable<int> codes)
    {
        Codes = codes.Distinct().Order().ToArray();
        _columns = Codes.Select((code, column) => (code, column)).ToDictionary(p => p.code, p => p.column);
    }

    /// <summary>Codes in column order (ascending numeric value).</summary>
    public IReadOnlyList<int> Codes { get; }

    public int Count => Codes.Count;

    /// <summary>The one-hot column of a code, or -1 when the code is not in the vocabulary.</summary>
    public int ColumnOf(int code) => _columns.GetValueOrDefault(code, -1);

    /// <summary>
    /// The <paramref name="size"/> most frequent codes. Ties are broken towards the smaller code: pandas sorts an
    /// already code-ordered crosstab by count, so among equal counts the smaller code comes first as long as the sort
    /// keeps that order (its default quicksort does not promise to; the notebook's data has no tie at the cut).
    /// </summary>
    public static EventVocabulary MostFrequent(IReadOnlyDictionary<int, long> counts, int size = DefaultSize) =>
        new(counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(size).Select(c => c.Key));
}
