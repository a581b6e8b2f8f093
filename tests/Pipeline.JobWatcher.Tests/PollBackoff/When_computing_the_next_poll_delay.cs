namespace Pipeline.JobWatcher.Tests;

public sealed class When_computing_the_next_poll_delay
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    /// <summary>A random source that always draws the same value.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    [Fact]
    public void Unthrottled_delay_is_the_poll_interval()
    {
        var backoff = new PollBackoff(Poll, Max, new Random(7));

        Assert.Equal(Poll, backoff.DelayAfter(0));
    }

    [Fact]
    public void Ceiling_doubles_with_each_throttled_poll_until_the_cap()
    {
        var backoff = new PollBackoff(Poll, Max, new Random(7));

        var expected = Poll;
        for (var throttled = 0; throttled <= 12; throttled++)
        {
            Assert.Equal(expected < Max ? expected : Max, backoff.CeilingAfter(throttled));
            expected += expected;
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void A_long_run_of_throttling_stays_at_the_cap(int throttled)
    {
        var backoff = new PollBackoff(Poll, Max, new FixedRandom(0.999999));

        Assert.Equal(Max, backoff.CeilingAfter(throttled));
        var delay = backoff.DelayAfter(throttled);
        Assert.InRange(delay, Poll, Max);
        Assert.True(delay > Max - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Lowest_draw_waits_the_poll_interval_and_highest_the_ceiling()
    {
        Assert.Equal(Poll, new PollBackoff(Poll, Max, new FixedRandom(0)).DelayAfter(2));
        // 30 s doubled twice: 120 s.
        var highest = new PollBackoff(Poll, Max, new FixedRandom(0.9999999)).DelayAfter(2);
        Assert.InRange(highest, TimeSpan.FromSeconds(119.99), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public void Draws_spread_over_the_whole_range_between_interval_and_ceiling()
    {
        var backoff = new PollBackoff(Poll, Max, new Random(1729));
        var ceiling = TimeSpan.FromSeconds(240); // 30 s doubled three times

        var delays = Enumerable.Range(0, 2_000).Select(_ => backoff.DelayAfter(3)).ToList();

        Assert.All(delays, d => Assert.InRange(d, Poll, ceiling));
        var width = ceiling - Poll;
        Assert.True(delays.Min() < Poll + width * 0.05, $"lowest draw {delays.Min()}");
        Assert.True(delays.Max() > ceiling - width * 0.05, $"highest draw {delays.Max()}");
        Assert.True(delays.Distinct().Count() > 1_000, "the delays are jittered");
    }

    [Fact]
    public void Rejects_settings_that_cannot_make_a_delay()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PollBackoff(TimeSpan.Zero, Max, new Random(7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PollBackoff(Poll, Poll - TimeSpan.FromSeconds(1), new Random(7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PollBackoff(Poll, Max, new Random(7)).DelayAfter(-1));
    }
}
