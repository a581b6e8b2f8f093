namespace Pipeline.Deployer.Tests;

public sealed class ThrottleBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    [Fact]
    public void Delay_stays_between_half_and_all_of_the_capped_exponential_step()
    {
        var random = new Random(7);
        var step = Base;
        for (var throttled = 1; throttled <= 80; throttled++)
        {
            var ceiling = step < Cap ? step : Cap;
            foreach (var sample in new[] { 0.0, 0.5, 0.999999, random.NextDouble() })
            {
                var delay = ThrottleBackoff.Delay(throttled, Base, Cap, sample);
                Assert.InRange(delay, ceiling / 2, ceiling);
            }

            if (step < Cap)
                step *= 2;
        }
    }

    [Fact]
    public void Delay_doubles_until_the_cap()
    {
        AssertClose(TimeSpan.FromSeconds(30), ThrottleBackoff.Delay(1, Base, Cap, 0.999999999));
        AssertClose(TimeSpan.FromSeconds(60), ThrottleBackoff.Delay(2, Base, Cap, 0.999999999));
        AssertClose(TimeSpan.FromSeconds(120), ThrottleBackoff.Delay(3, Base, Cap, 0.999999999));
        AssertClose(TimeSpan.FromSeconds(240), ThrottleBackoff.Delay(4, Base, Cap, 0.999999999));
        AssertClose(Cap, ThrottleBackoff.Delay(5, Base, Cap, 0.999999999));
        AssertClose(Cap, ThrottleBackoff.Delay(int.MaxValue, Base, Cap, 0.999999999));
    }

    private static void AssertClose(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected - TimeSpan.FromMilliseconds(1), expected + TimeSpan.FromMilliseconds(1));

    [Fact]
    public void Delay_is_spread_by_jitter()
    {
        var delays = Enumerable.Range(0, 200).Select(_ => ThrottleBackoff.Delay(3, Base, Cap)).ToHashSet();
        Assert.True(delays.Count > 100, $"only {delays.Count} distinct delays out of 200");
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(1, -0.1)]
    public void Delay_rejects_arguments_out_of_range(int throttled, double sample) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThrottleBackoff.Delay(throttled, Base, Cap, sample));
}
