using Pipeline.Cli.Progress;

namespace Pipeline.Cli.Tests.Progress;

public sealed class When_timing_the_stages
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    [Fact]
    public void Each_stage_lasts_until_the_next_one_starts_and_the_total_until_the_end()
    {
        var stages = new StageTimes();
        stages.Observe(ExperimentStage.Ingesting, At(0));
        stages.Observe(ExperimentStage.Ingesting, At(3));
        stages.Observe(ExperimentStage.Training, At(8));
        stages.Observe(ExperimentStage.Deploying, At(20.5));
        stages.Observe(ExperimentStage.Evaluating, At(22));
        stages.Observe(ExperimentStage.TearingDown, At(26));
        stages.Observe(ExperimentStage.Completed, At(27));

        Assert.Equal(
            [(ExperimentStage.Ingesting, 8.0), (ExperimentStage.Training, 12.5), (ExperimentStage.Deploying, 1.5),
                (ExperimentStage.Evaluating, 4.0), (ExperimentStage.TearingDown, 1.0)],
            stages.Durations.Select(d => (d.Stage, d.Duration.TotalSeconds)));
        Assert.Equal(TimeSpan.FromSeconds(27), stages.Total);
    }

    [Fact]
    public void A_stage_that_comes_back_is_summed_and_nothing_counts_after_the_end()
    {
        var stages = new StageTimes();
        stages.Observe(ExperimentStage.Training, At(0));
        stages.Observe(ExperimentStage.Deploying, At(2));
        stages.Observe(ExperimentStage.Training, At(3));
        stages.Observe(ExperimentStage.Failed, At(7));
        stages.Observe(ExperimentStage.TearingDown, At(9));

        Assert.Equal([(ExperimentStage.Training, 6.0), (ExperimentStage.Deploying, 1.0)], stages.Durations.Select(d => (d.Stage, d.Duration.TotalSeconds)));
        Assert.Equal(TimeSpan.FromSeconds(7), stages.Total);
    }

    [Fact]
    public void Before_the_end_the_running_stage_is_left_out_and_there_is_no_total()
    {
        var stages = new StageTimes();
        stages.Observe(ExperimentStage.Ingesting, At(0));
        stages.Observe(ExperimentStage.Training, At(5));

        Assert.Equal([(ExperimentStage.Ingesting, 5.0)], stages.Durations.Select(d => (d.Stage, d.Duration.TotalSeconds)));
        Assert.Null(stages.Total);
    }
}
