using System.Xml.Linq;
using Pipeline.Contracts;
using static Pipeline.Cli.Output.Report.Xhtml;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// What the models were trained and tested on: years (or store-item series and days), source, rows read, kept and
/// dropped by reason, the splits.
/// </summary>
public static class DatasetSummary
{
    public static XElement Render(IngestedDataset dataset, DataSourceSpec? source)
    {
        var facts = new List<(string Term, object Description)>();
        if (source is { Kind: DataSourceKind.GeneratedSales, Prepared: null })
        {
            var sales = source.SalesOrDefault;
            facts.Add(("Store-item series", $"{ReportNumbers.Count(sales.Stores)} stores x {ReportNumbers.Count(sales.Items)} items, one CSV file each"));
            facts.Add(("Days", $"{ReportNumbers.Count(sales.TrainDays)} train, {ReportNumbers.Count(sales.ValidationDays)} validation, "
                + $"{ReportNumbers.Count(sales.TestDays)} test (the last days of every series)"));
            facts.Add(("Source", $"generated M5-like daily unit sales, seed {source.Seed}"));
        }
        else if (source is not null)
        {
            facts.Add(("Training years", YearRanges(source.TrainingYears)));
            facts.Add(("Test year", source.TestYear.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            facts.Add(("Source", Source(source)));
        }

        var counts = dataset.Counts;
        if (dataset.Prepared || counts is null)
        {
            facts.Add(("Rows", "n/a: a dataset prepared earlier was used, nothing was read"));
        }
        else
        {
            facts.Add(("Rows read", ReportNumbers.Count(counts.RowsRead)));
            facts.Add(("Rows kept", ReportNumbers.Count(counts.RowsKept)));
            var dropped = counts.Dropped.Values.Sum();
            facts.Add(("Rows dropped", dropped == 0
                ? "none"
                : E("span", ReportNumbers.Count(dropped),
                    E("ul", Class("reasons"), counts.Dropped.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal)
                        .Select(d => E("li", E("span", Class("num"), ReportNumbers.Count(d.Value)), " ", d.Key))))));
            facts.Add(("Train / validation / test rows",
                $"{ReportNumbers.Count(counts.TrainRows)} / {ReportNumbers.Count(counts.ValidationRows)} / {ReportNumbers.Count(counts.TestRows)}"));
        }

        if (dataset.Digest is not null)
            facts.Add(("Dataset", dataset.Reused
                ? $"{dataset.Digest}, prepared by an earlier run (ingestion skipped; its counts)"
                : $"{dataset.Digest}, prepared by this run"));
        facts.Add(("feature_dim", ReportNumbers.Count(dataset.FeatureDim)));
        facts.Add(("Test object", E("code", dataset.TestObject)));

        return E("dl", Class("facts"), facts.Select(f => E("div", E("dt", f.Term), E("dd", f.Description))));
    }

    private static string Source(DataSourceSpec source) => source.Prepared is not null
        ? "a dataset prepared earlier"
        : source.Kind switch
        {
            DataSourceKind.Generated => $"generated GDELT 1.0 rows, {ReportNumbers.Count(source.RowsPerYear)} a year, seed {source.Seed}",
            DataSourceKind.Local => $"GDELT 1.0 year files in {source.Location}",
            _ => $"GDELT 1.0 year files under {source.Location}",
        };

    /// <summary>1979, 1980, 1981, 1983 reads as "1979–1981, 1983".</summary>
    private static string YearRanges(IReadOnlyList<int> years)
    {
        var ranges = new List<string>();
        var sorted = years.Order().ToList();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            ranges.Add(j == i ? $"{sorted[i]}" : $"{sorted[i]}–{sorted[j]}");
            i = j + 1;
        }

        return string.Join(", ", ranges);
    }
}
