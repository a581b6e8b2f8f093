using Pipeline.Cli.Progress;
using Spectre.Console;

namespace Pipeline.Cli.Output;

/// <summary>A table redrawn in place, one row per variant, with the latest change under it.</summary>
public sealed class LiveProgressView(IAnsiConsole console) : IProgressView
{
    public Task FollowAsync(ExperimentProgress progress, Func<Action<string?>, Task> follow)
    {
        var latest = "";
        return console.Live(Render(progress, latest)).AutoClear(false).StartAsync(context => follow(change =>
        {
            if (change is null)
                return;
            latest = change;
            context.UpdateTarget(Render(progress, latest));
        }));
    }

    private static Rows Render(ExperimentProgress progress, string latest)
    {
        var table = new Table()
            .Title($"[bold]{Markup.Escape(progress.Name)}[/] {progress.ExperimentId} - [yellow]{progress.Stage}[/]{(progress.CancelRequested ? " [red](cancelling)[/]" : "")}")
            .AddColumns("Variant", "Distribution", "Instances", "Training job", "Status");
        foreach (var variant in progress.Variants)
        {
            var status = Markup.Escape(progress.Describe(variant));
            table.AddRow(
                Markup.Escape(variant.Name),
                variant.TrainDistribution,
                variant.InstanceCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(variant.TrainingJobName ?? "-"),
                variant.Failed ? $"[red]{status}[/]" : status);
        }

        return new Rows(table, new Markup($"[grey]{Markup.Escape(latest)}[/]"));
    }
}
