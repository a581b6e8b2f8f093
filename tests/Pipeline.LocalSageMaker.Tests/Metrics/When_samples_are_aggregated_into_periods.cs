using Pipeline.LocalSageMaker.Metrics;

namespace Pipeline.LocalSageMaker.Tests.Metrics;

public sealed class When_samples_are_aggregated_into_periods
{
    private static readonly DateTimeOffset Noon = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Every = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

    private static MetricSample At(double seconds, double value) => new(Noon.AddSeconds(seconds), value);

    [Theory]
    [InlineData(37.5, 60, 0)]
    [InlineData(37.5, 300, 0)]
    [InlineData(97, 120, 60)]
    [InlineData(37.5, 30, 30)]
    [InlineData(37.5, 20, 20)]
    [InlineData(37.5, 10, 30)]
    [InlineData(37.5, 5, 35)]
    [InlineData(37.5, 1, 37)]
    public void Periods_start_at_StartTime_rounded_down_to_the_minute_or_to_the_shorter_period(double startSeconds, long period, double expectedSeconds)
    {
        var first = MetricStatistics.FirstPeriodStart(Noon.AddSeconds(startSeconds), period, Noon.AddHours(1));

        Assert.Equal(Noon.AddSeconds(expectedSeconds), first);
    }

    [Theory]
    [InlineData(16, 1, "12:35:00")]
    [InlineData(16, 3600, "12:35:00")]
    [InlineData(64, 60, "12:00:00")]
    public void An_older_StartTime_is_rounded_to_5_minutes_after_15_days_and_to_the_hour_after_63(int daysAgo, long period, string expected)
    {
        var start = Noon.AddMinutes(37).AddSeconds(12);

        var first = MetricStatistics.FirstPeriodStart(start, period, start.AddDays(daysAgo));

        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), first.TimeOfDay);
    }

    [Fact]
    public void Each_period_gives_the_count_average_sum_minimum_and_maximum_of_its_samples()
    {
        MetricSample[] samples = [At(0, 4), At(59.999, 2), At(60, 10), At(61, -1), At(119, 3), At(150, 7)];

        var points = MetricStatistics.Aggregate(samples, Noon, Noon.AddMinutes(3), 60, Every);

        Assert.Equal([Noon, Noon.AddMinutes(1), Noon.AddMinutes(2)], points.Select(p => p.Timestamp));
        Assert.Equal([2.0, 3, 1], points.Select(p => p.SampleCount!.Value));
        Assert.Equal([3.0, 4, 7], points.Select(p => p.Average!.Value));
        Assert.Equal([6.0, 12, 7], points.Select(p => p.Sum!.Value));
        Assert.Equal([2.0, -1, 7], points.Select(p => p.Minimum!.Value));
        Assert.Equal([4.0, 10, 7], points.Select(p => p.Maximum!.Value));
        Assert.All(points, p => Assert.Equal("None", p.Unit));
    }

    [Fact]
    public void Samples_before_the_first_period_or_from_EndTime_on_are_left_out_and_empty_periods_give_no_datapoint()
    {
        MetricSample[] samples = [At(-0.001, 100), At(5, 1), At(200, 2), At(299.999, 3), At(300, 100)];

        var points = MetricStatistics.Aggregate(samples, Noon, Noon.AddSeconds(300), 60, ["Sum"]);

        Assert.Equal([(Noon, 1.0), (Noon.AddMinutes(3), 2.0), (Noon.AddMinutes(4), 3.0)], points.Select(p => (p.Timestamp, p.Sum!.Value)));
    }

    [Fact]
    public void Only_the_statistics_asked_for_are_given()
    {
        var point = Assert.Single(MetricStatistics.Aggregate([At(1, 2), At(2, 4)], Noon, Noon.AddMinutes(1), 60, ["Maximum", "SampleCount"]));

        Assert.Equal((2.0, 4.0), (point.SampleCount, point.Maximum));
        Assert.Equal((null, null, null), (point.Average, point.Sum, point.Minimum));
    }

    [Theory]
    [InlineData(3600, 60, 60)]
    [InlineData(3601, 60, 61)]
    [InlineData(1440, 1, 1440)]
    [InlineData(86400, 1, 86400)]
    public void The_datapoints_asked_for_count_a_last_period_that_EndTime_cuts(int seconds, long period, long expected)
    {
        Assert.Equal(expected, MetricStatistics.DatapointsRequested(Noon, Noon.AddSeconds(seconds), period));
    }
}
