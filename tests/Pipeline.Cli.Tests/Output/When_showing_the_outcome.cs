using Pipeline.Cli.Output;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Output;

public class When_showing_the_outcome
{
    private readonly TestConsole _console = new();
    private readonly ExperimentEventsFor _events = new(Guid.NewGuid());

    private string Show(object outcome)
    {
        new OutcomeView(_console.Console).Show(outcome);
        return _console.Output;
    }

    [Fact]
    public void A_completed_experiment_shows_one_column_per_variant_and_one_row_per_measure()
    {
        var output = Show(new ExperimentCompleted { ExperimentId = _events.ExperimentId, Report = Reports.TwoVariants() });

        var header = Assert.Single(_console.Lines, l => l.Contains("replicated (baseline)", StringComparison.Ordinal));
        Assert.True(header.IndexOf("replicated (baseline)", StringComparison.Ordinal) < header.IndexOf("sharded", StringComparison.Ordinal));
        foreach (var measure in new[] { "Log span (s)", "TrainingTimeInSeconds", "Billed (s)", "MSE", "RMSE", "MAE", "R2", "Invocations", "Speed-up", "MSE ratio" })
            Row(measure);
        Assert.Contains(_console.Lines, l => l.Contains("replicated-job-1", StringComparison.Ordinal) && l.Contains("sharded-job-1", StringComparison.Ordinal));
        Assert.Contains("4.00x", Row("Speed-up"), StringComparison.Ordinal);
        Assert.Contains("1.05x", Row("MSE ratio"), StringComparison.Ordinal);
        Assert.Contains("test-experiment", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_R2_shows_as_not_available()
    {
        Show(new ExperimentCompleted { ExperimentId = _events.ExperimentId, Report = Reports.TwoVariants(shardedR2: double.NaN) });

        Assert.EndsWith("n/a", Row("R2").TrimEnd('│', '|', ' '), StringComparison.Ordinal);
    }

    /// <summary>The table row whose first cell is <paramref name="measure"/>.</summary>
    private string Row(string measure) =>
        Assert.Single(_console.Lines, l => l.Split('│', '|') is { Length: > 2 } cells && cells[1].Trim() == measure);

    [Fact]
    public void A_failed_experiment_shows_stage_reason_and_what_was_and_was_not_torn_down()
    {
        var output = Show(new ExperimentFailed
        {
            ExperimentId = _events.ExperimentId, Stage = "Deploying", Reason = "endpoint sharded failed: capacity",
            TornDown = ["replicated-endpoint"], Remaining = ["sharded-endpoint"],
        });

        Assert.Contains("Deploying", output, StringComparison.Ordinal);
        Assert.Contains("endpoint sharded failed: capacity", output, StringComparison.Ordinal);
        Assert.Contains(_console.Lines, l => l.Contains("Torn down", StringComparison.Ordinal) && l.Contains("replicated-endpoint", StringComparison.Ordinal));
        Assert.Contains(_console.Lines, l => l.Contains("Remaining", StringComparison.Ordinal) && l.Contains("sharded-endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cancelled_experiment_shows_stage_and_teardown()
    {
        var output = Show(new ExperimentCancelled { ExperimentId = _events.ExperimentId, Stage = "Training", Reason = "cancelled from the command line", TornDown = ["job-a"] });

        Assert.Contains("cancelled", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Training", output, StringComparison.Ordinal);
        Assert.Contains("job-a", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_experiment_lists_every_problem()
    {
        Show(new ExperimentRejected { ExperimentId = _events.ExperimentId, Problems = ["first problem", "second problem"] });

        Assert.Contains(_console.Lines, l => l.Trim() == "first problem");
        Assert.Contains(_console.Lines, l => l.Trim() == "second problem");
    }

    [Fact]
    public void Only_a_completed_experiment_exits_0()
    {
        Assert.Equal(0, ExitCodes.For(new ExperimentCompleted { ExperimentId = _events.ExperimentId, Report = Reports.TwoVariants() }));
        Assert.NotEqual(0, ExitCodes.For(_events.Failed("Training", "x")));
        Assert.NotEqual(0, ExitCodes.For(_events.Cancelled("Training")));
        Assert.NotEqual(0, ExitCodes.For(new ExperimentRejected { ExperimentId = _events.ExperimentId, Problems = ["x"] }));
        Assert.NotEqual(0, ExitCodes.For(null));
    }
}
