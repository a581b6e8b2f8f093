using Pipeline.Cli.Output.Report;

namespace Pipeline.Cli.Tests.Output.Report;

public class When_scaling_an_axis
{
    [Theory]
    [InlineData(0, 412.03)]
    [InlineData(0, 8.98)]
    [InlineData(-9.3, 10.4)]
    [InlineData(0, 0.0137)]
    [InlineData(3, 3)]
    public void Ticks_are_round_evenly_spaced_and_cover_the_values(double min, double max)
    {
        var scale = new LinearScale(min, max, 100, 600);

        Assert.True(scale.Min <= min && scale.Max >= max, $"[{scale.Min}, {scale.Max}] does not cover [{min}, {max}]");
        var mantissa = scale.Step / Math.Pow(10, Math.Floor(Math.Log10(scale.Step)));
        Assert.Contains(Math.Round(mantissa, 9), new[] { 1, 2, 2.5, 5 });
        Assert.InRange(scale.Ticks.Count, 3, 12);
        Assert.Equal(scale.Min, scale.Ticks[0], 9);
        Assert.Equal(scale.Max, scale.Ticks[^1], 9);
        Assert.Equal(100, scale.Map(scale.Min), 9);
        Assert.Equal(600, scale.Map(scale.Max), 9);
    }

    [Fact]
    public void Tick_labels_have_the_decimals_the_step_needs_and_no_float_noise()
    {
        var scale = new LinearScale(0, 1.1, 0, 100);

        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"], scale.Ticks.Select(scale.Format));
        Assert.Equal("1,000", new LinearScale(0, 4800, 0, 100).Format(1000));
    }
}
