using Pipeline.Cli.Output.Report;
using Spectre.Console;

namespace Pipeline.Cli.Output;

/// <summary>The scaling view for a terminal: a row per distribution type and instance count.</summary>
public static class ScalingTable
{
    public static Table Render(IReadOnlyList<ScalingSeries> series, bool unicode)
    {
        var table = new Table().Title("[bold]Scaling with instances[/]");
        if (!unicode)
            table.Border(TableBorder.Ascii);
        // Short headers and an unwrapped first column: the table fits 80 columns.
        table.AddColumn(new TableColumn("Distribution").LeftAligned().NoWrap());
        table.AddColumn(new TableColumn("Instances").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("Span (s)").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("Ideal (s)").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("Billed (s)").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("Test MSE").RightAligned().NoWrap());
        var mseDecimals = ReportNumbers.DecimalsFor(series.SelectMany(s => s.Points).Select(p => (double?)p.Mse));
        foreach (var s in series)
        {
            foreach (var p in s.Points)
            {
                table.AddRow(
                    Markup.Escape(p == s.Points[0] ? s.TrainDistribution : ""),
                    ReportNumbers.Count(p.Instances),
                    ReportNumbers.Seconds(p.LogSpanSeconds),
                    ReportNumbers.Seconds(p.IdealLogSpanSeconds),
                    ReportNumbers.Count(p.BilledSeconds),
                    ReportNumbers.Metric(p.Mse, mseDecimals));
            }
        }

        return table;
    }
}
