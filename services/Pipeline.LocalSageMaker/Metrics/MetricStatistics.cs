namespace Pipeline.LocalSageMaker.Metrics;

/// <summary>One raw value of a metric at the time it was recorded.</summary>
public readonly record struct MetricSample(DateTimeOffset Timestamp, double Value);

/// <summary>
/// GetMetricStatistics' arithmetic as CloudWatch documents it: StartTime is rounded down (to the period for periods
/// under a minute, else to the minute, or to 5 minutes or an hour when it is over 15 or 63 days old); periods follow
/// each other from there; a sample counts in the period it falls in when it is before EndTime; each period with
/// samples is a datapoint with the statistics asked for.
/// </summary>
public static class MetricStatistics
{
    public const string SampleCount = "SampleCount";
    public const string Average = "Average";
    public const string Sum = "Sum";
    public const string Minimum = "Minimum";
    public const string Maximum = "Maximum";

    /// <summary>The statistics GetMetricStatistics knows, in the order CloudWatch lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [SampleCount, Average, Sum, Minimum, Maximum];

    /// <summary>The most datapoints one call may ask for.</summary>
    public const int MaxDatapoints = 1440;

    /// <summary>Metrics from log lines carry no unit: CloudWatch's "None".</summary>
    public const string NoUnit = "None";

    /// <summary>Where the first period starts for a request made at <paramref name="now"/>.</summary>
    public static DateTimeOffset FirstPeriodStart(DateTimeOffset startTime, long periodSeconds, DateTimeOffset now)
    {
        var age = now - startTime;
        var unit = age > TimeSpan.FromDays(63) ? 3600
            : age > TimeSpan.FromDays(15) ? 300
            : periodSeconds < 60 ? periodSeconds
            : 60;
        var seconds = startTime.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds - (((seconds % unit) + unit) % unit));
    }

    /// <summary>How many periods the range asks for, counting a last one that is cut by EndTime.</summary>
    public static long DatapointsRequested(DateTimeOffset firstPeriodStart, DateTimeOffset endTime, long periodSeconds)
    {
        var ticks = (endTime - firstPeriodStart).Ticks;
        var periodTicks = periodSeconds * TimeSpan.TicksPerSecond;
        return ticks <= 0 ? 0 : (ticks + periodTicks - 1) / periodTicks;
    }

    /// <summary>One datapoint per period that has samples, in time order, with only <paramref name="statistics"/> set.</summary>
    public static List<Datapoint> Aggregate(
        IEnumerable<MetricSample> samples, DateTimeOffset firstPeriodStart, DateTimeOffset endTime, long periodSeconds,
        IReadOnlyCollection<string> statistics)
    {
        var periodTicks = periodSeconds * TimeSpan.TicksPerSecond;
        return samples
            .Where(s => s.Timestamp >= firstPeriodStart && s.Timestamp < endTime)
            .GroupBy(s => (s.Timestamp - firstPeriodStart).Ticks / periodTicks)
            .OrderBy(period => period.Key)
            .Select(period =>
            {
                var values = period.Select(s => s.Value).ToList();
                var sum = values.Sum();
                return new Datapoint
                {
                    Timestamp = firstPeriodStart.AddTicks(period.Key * periodTicks),
                    SampleCount = statistics.Contains(SampleCount) ? values.Count : null,
                    Average = statistics.Contains(Average) ? sum / values.Count : null,
                    Sum = statistics.Contains(Sum) ? sum : null,
                    Minimum = statistics.Contains(Minimum) ? values.Min() : null,
                    Maximum = statistics.Contains(Maximum) ? values.Max() : null,
                    Unit = NoUnit,
                };
            })
            .ToList();
    }
}
