using Pipeline.Cli.Output.Report;
using Pipeline.Cli.Progress;
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

    /// <summary>One line: the time per stage and in all, e.g. "Ingesting 8.1 s · Training 11.0 s · ... · total 28.8 s".</summary>
    public void ShowStageTimes(StageTimes stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Total is not { } total)
            return;
        var parts = stages.Durations.Select(d => $"{d.Stage} {Seconds(d.Duration)}").Append($"total {Seconds(total)}");
        WriteWrapped($"Stages: {string.Join(" · ", parts)}", "dim");
    }

    private static string Seconds(TimeSpan duration) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s");

    private void ShowReport(ExperimentReport report)
    {
        foreach (var table in ComparisonTable.Render(report, console.Profile.Width, console.Profile.Capabilities.Unicode))
            console.Write(table);
        if (ScalingView.From(report) is { Count: > 0 } scaling)
        {
            console.Write(ScalingTable.Render(scaling, console.Profile.Capabilities.Unicode));
            WriteWrapped("Span = log span. Ideal = the smallest cluster's span x its instances / instances: what perfect scaling "
                + $"would give; billed seconds stay flat when it holds. {ScalingView.TimingNote}", "dim");
        }

        foreach (var sentence in ComparisonHeadline.Sentences(report))
            WriteWrapped(sentence, "bold");
        if (report.Baseline is not null)
            WriteWrapped("Speed-up = baseline log span / log span; MSE ratio = MSE / baseline MSE.", "dim");
        if (report.Variants.Any(v => v.Metrics.Latency is not null))
            WriteWrapped(LatencyPercentile.Requirement, "dim");
    }

    private void WriteWrapped(string text, string style)
    {
        foreach (var line in WordWrap.Lines(text, console.Profile.Width))
            console.MarkupLine($"[{style}]{Markup.Escape(line)}[/]");
    }
}
