namespace Pipeline.Deployer;

/// <summary>
/// How long to wait before polling again after being throttled: exponential in the number of throttled polls
/// in a row, capped, with "equal jitter" (half fixed, half random) so that many pollers throttled together
/// spread out but none comes back sooner than half its step.
/// </summary>
public static class ThrottleBackoff
{
    /// <param name="throttled">Throttled polls in a row, counting this one (1 or more).</param>
    /// <param name="baseDelay">The delay for the first throttled poll before jitter.</param>
    /// <param name="cap">No delay is longer than this.</param>
    /// <param name="random">A sample from [0, 1).</param>
    public static TimeSpan Delay(int throttled, TimeSpan baseDelay, TimeSpan cap, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throttled, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, baseDelay);
        if (random is < 0 or >= 1 || double.IsNaN(random))
            throw new ArgumentOutOfRangeException(nameof(random), random, "Expected a sample from [0, 1).");

        // 2^(throttled-1) overflows quickly; once past the cap the exponent no longer matters.
        var factor = Math.Pow(2, Math.Min(throttled - 1, 62));
        var ceiling = Math.Min(cap.Ticks, baseDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)(ceiling / 2 + ceiling / 2 * random));
    }

    public static TimeSpan Delay(int throttled, TimeSpan baseDelay, TimeSpan cap) =>
        Delay(throttled, baseDelay, cap, Random.Shared.NextDouble());
}
