using Pipeline.Data.Gdelt;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>
/// A year file whose lines are mostly not GDELT rows (a binary file, another format, the wrong delimiter) is refused by
/// name with what was read, instead of going on to a dataset of nothing or to a misleading "0 distinct event codes".
/// Real GDELT years have almost no malformed rows; a file with as many malformed rows as well-formed ones is not one.
/// </summary>
internal static class GdeltTextCheck
{
    public static void Require(GdeltReadReport report)
    {
        if (report.RowsReturned > 0 && report.MalformedRows < report.RowsReturned)
            return;
        if (report.RowsRead == 0)
            throw new DatasetInputException($"{report.SourceName} is empty: it holds no GDELT rows.");

        var reasons = string.Join(", ", report.Malformed.OrderByDescending(m => m.Value.Count)
            .Select(m => $"{m.Value.Count:N0} {m.Key} (from line {m.Value.FirstLines[0]:N0})"));
        throw new DatasetInputException(
            $"{report.SourceName} is not GDELT 1.0 event text (tab-separated UTF-8, 57 or 58 columns a line): "
            + $"{report.RowsRead:N0} lines read, {report.RowsReturned:N0} well-formed, {report.MalformedRows:N0} malformed: {reasons}.");
    }
}
