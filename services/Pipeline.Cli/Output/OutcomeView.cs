using System.Globalization;
using Pipeline.Contracts;
using Spectre.Console;

namespace Pipeline.Cli.Output;

/// <summary>What the user reads when the experiment is over: the comparison, or why there is none.</summary>
public sealed class OutcomeView(IAnsiConsole console)
{
    public void Show(object outcome)
    {
        switch (outcome)
        {
            case ExperimentCompleted completed:
                ShowReport(completed.Report);
                break;
            case ExperimentFailed failed:
                console.MarkupLine($"[red]Experiment failed in {Markup.Escape(failed.Stage)}:[/] {Markup.Escape(failed.Reason)}");
                ShowTeardown(failed.TornDown, failed.Remaining);
                break;
            case ExperimentCancelled cancelled:
                console.MarkupLine($"[yellow]Experiment cancelled in {Markup.Escape(cancelled.Stage)}:[/] {Markup.Escape(cancelled.Reason)}");
                ShowTeardown(cancelled.TornDown, cancelled.Remaining);
                break;
            case ExperimentRejected rejected:
                console.MarkupLine("[red]Experiment rejected:[/]");
                foreach (var problem in rejected.Problems)
                    console.MarkupLine($"  {Markup.Escape(problem)}");
                break;
        }
    }

    private void ShowTeardown(IReadOnlyList<string> tornDown, IReadOnlyList<string> remaining)
    {
        console.MarkupLine($"Torn down: {Markup.Escape(tornDown.Count == 0 ? "nothing" : string.Join(", ", tornDown))}");
        if (remaining.Count == 0)
            console.MarkupLine("Remaining: nothing");
        else
            console.MarkupLine($"[red]Remaining (not confirmed deleted, check and delete by hand):[/] {Markup.Escape(string.Join(", ", remaining))}");
    }

    private void ShowReport(ExperimentReport report)
    {
        var table = new Table()
            .Title($"[bold]{Markup.Escape(report.Name)}[/]")
            .AddColumns("Variant", "Distribution", "Instances", "Training job", "Log span (s)", "TrainingTimeInSeconds",
                "Billed (s)", "MSE", "RMSE", "MAE", "R2", "Speed-up", "MSE ratio");
        foreach (var column in table.Columns.Skip(2))
            column.RightAligned();
        table.Columns[3].LeftAligned();

        foreach (var v in report.Variants)
        {
            var name = v.Variant == report.Baseline ? $"{v.Variant} (baseline)" : v.Variant;
            table.AddRow(
                Markup.Escape(name), v.TrainDistribution, Number(v.InstanceCount), Markup.Escape(v.TrainingJobName),
                Fixed(v.LogSpanSeconds, "0.0"), Number(v.TrainingTimeInSeconds), Number(v.BilledSeconds),
                Fixed(v.Metrics.Mse, "0.####"), Fixed(v.Metrics.Rmse, "0.####"), Fixed(v.Metrics.Mae, "0.####"),
                Fixed(v.Metrics.R2, "0.####"), Ratio(v.SpeedUp), Ratio(v.MseRatio));
        }

        console.Write(table);
        if (report.Baseline is null)
            console.MarkupLine("No FullyReplicated variant: no baseline to compare against.");
        else
            console.MarkupLine($"Speed-up = baseline log span / variant log span; MSE ratio = variant MSE / baseline MSE (baseline: {Markup.Escape(report.Baseline)}).");
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ratio(double? value) =>
        value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
}
