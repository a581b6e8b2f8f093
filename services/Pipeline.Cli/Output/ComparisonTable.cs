using System.Globalization;
using Pipeline.Cli.Output.Report;
using Pipeline.Contracts;
using Spectre.Console;

namespace Pipeline.Cli.Output;

/// <summary>
/// The report's figures for a terminal: one row per measure, one column per variant (as report.html lays them out),
/// so two variants fit 80 columns. Figures are right-aligned, in the invariant culture, "n/a" when undefined; a
/// training job name too long for its column keeps its start (the variant) and its last 6 characters.
/// </summary>
public static class ComparisonTable
{
    /// <summary>Characters of the job name kept after the ellipsis: enough to tell two experiments apart.</summary>
    public const int JobNameTail = 6;

    private sealed record Measure(string Name, Func<VariantReport, string> Value);

    /// <summary>The longest measure name, which sets the width of the first column.</summary>
    private const string LongestMeasure = "TrainingTimeInSeconds";

    /// <summary>Narrowest column a variant gets: below it figures and names break.</summary>
    private const int MinColumnWidth = 12;

    /// <summary>
    /// The comparison in as many tables as it takes to give every variant a column of at least 12 characters (a
    /// sweep's eight variants do not fit 80 columns side by side); every table repeats the measures, and each measure
    /// keeps one precision across them all.
    /// </summary>
    public static IReadOnlyList<Table> Render(ExperimentReport report, int consoleWidth, bool unicode)
    {
        // Each column costs its text plus 3 characters of border and padding, and the table one more.
        var perTable = Math.Max(1, (consoleWidth - 1 - 3 - LongestMeasure.Length) / (MinColumnWidth + 3));
        var parts = report.Variants.Chunk(perTable).ToList();
        return [.. parts.Select((part, i) => Render(report, part, consoleWidth, unicode, parts.Count == 1 ? "" : $" ({i + 1} of {parts.Count})"))];
    }

    private static Table Render(ExperimentReport report, VariantReport[] variants, int consoleWidth, bool unicode, string part)
    {
        var columnWidth = Math.Max(MinColumnWidth, (consoleWidth - 1 - 3 * (variants.Length + 1) - LongestMeasure.Length) / Math.Max(1, variants.Length));
        var measures = Measures(report, columnWidth, unicode ? "…" : "...");
        var table = new Table().Title($"[bold]{Markup.Escape(report.Name + part)}[/]");
        if (!unicode)
            table.Border(TableBorder.Ascii);
        table.AddColumn(new TableColumn("").LeftAligned().NoWrap());
        foreach (var v in variants)
            table.AddColumn(new TableColumn(Markup.Escape(v.Variant == report.Baseline ? $"{v.Variant} (baseline)" : v.Variant)).RightAligned());

        foreach (var m in measures)
            table.AddRow([Markup.Escape(m.Name), .. variants.Select(v => Markup.Escape(m.Value(v)))]);
        return table;
    }

    /// <summary>The job name, or when longer than <paramref name="width"/>: the variant prefix, an ellipsis and the last 6 characters.</summary>
    public static string ShortJobName(VariantReport variant, int width, string ellipsis = "…")
    {
        var name = variant.TrainingJobName;
        if (name.Length <= width)
            return name;
        var tail = name[^JobNameTail..];
        var prefix = name.StartsWith(variant.Variant + "-", StringComparison.Ordinal) ? variant.Variant + "-" : "";
        var room = Math.Max(1, width - ellipsis.Length - JobNameTail);
        if (prefix.Length == 0 || prefix.Length > room)
            prefix = name[..Math.Min(room, name.Length - JobNameTail)];
        return prefix + ellipsis + tail;
    }

    /// <summary>"4.27x"; n/a when there is no baseline or the ratio is undefined.</summary>
    public static string Ratio(double? value) =>
        ReportNumbers.IsDefined(value) ? value!.Value.ToString("0.00", CultureInfo.InvariantCulture) + "x" : ReportNumbers.NotAvailable;

    /// <summary>An error metric or R2, with the decimals that suit every variant's value of it.</summary>
    private static Measure Metric(string name, IReadOnlyList<VariantReport> variants, Func<EvaluationMetrics, double> value)
    {
        var decimals = ReportNumbers.DecimalsFor(variants.Select(v => (double?)value(v.Metrics)));
        return new(name, v => ReportNumbers.Metric(value(v.Metrics), decimals));
    }

    private static List<Measure> Measures(ExperimentReport report, int columnWidth, string ellipsis)
    {
        var variants = report.Variants;
        var measures = new List<Measure>
        {
            new("Distribution", v => v.TrainDistribution),
            new("Instances", v => ReportNumbers.Count(v.InstanceCount)),
            new("Training job", v => ShortJobName(v, columnWidth, ellipsis)),
            new("Log span (s)", v => ReportNumbers.Seconds(v.LogSpanSeconds)),
            new(LongestMeasure, v => ReportNumbers.Count(v.TrainingTimeInSeconds)),
            new("Billed (s)", v => ReportNumbers.Count(v.BilledSeconds)),
            Metric("MSE", variants, m => m.Mse),
            Metric("RMSE", variants, m => m.Rmse),
            Metric("MAE", variants, m => m.Mae),
            Metric("R2", variants, m => m.R2),
            new("Invocations", v => ReportNumbers.Count(v.Metrics.Invocations)),
        };
        // Only when the evaluator timed the calls; a row of n/a everywhere says nothing.
        if (variants.Any(v => v.Metrics.Latency is not null))
        {
            // A percentile the sample cannot support (p99 of 7 calls) reads "n/a (n=7)".
            measures.AddRange(LatencyPercentile.All.Select(p => new Measure($"Latency {p.Name} (ms)", v => p.Show(v.Metrics))));
        }

        if (variants.Any(v => v.Metrics.RowsPerSecond is not null))
            measures.Add(new("Rows/s", v => ReportNumbers.PerSecond(v.Metrics.RowsPerSecond)));
        measures.Add(new("Speed-up", v => VariantComparison.SpeedUpCell(report, v, Ratio)));
        measures.Add(new("MSE ratio", v => Ratio(v.MseRatio)));
        return measures;
    }
}
