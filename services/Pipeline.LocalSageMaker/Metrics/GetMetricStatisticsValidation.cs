namespace Pipeline.LocalSageMaker.Metrics;

/// <summary>
/// What GetMetricStatistics refuses, with CloudWatch's codes and words: missing members (MissingParameter), bad values
/// (InvalidParameterValue), and members that do not go together (InvalidParameterCombination), each kind's problems
/// in one message, a line each. Percentiles (ExtendedStatistics) are refused: LocalSageMaker does not compute them.
/// </summary>
public static class GetMetricStatisticsValidation
{
    private static readonly long[] SubMinutePeriods = [1, 5, 10, 20, 30];

    /// <summary>The units CloudWatch knows (StandardUnit).</summary>
    public static IReadOnlyList<string> Units { get; } =
    [
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits",
        "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
        "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second",
        "Terabits/Second", "Count/Second", "None",
    ];

    public static void ThrowIfInvalid(GetMetricStatisticsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var missing = new List<string>();
        if (string.IsNullOrEmpty(request.Namespace))
            missing.Add("Namespace");
        if (string.IsNullOrEmpty(request.MetricName))
            missing.Add("MetricName");
        if (request.StartTime is null)
            missing.Add("StartTime");
        if (request.EndTime is null)
            missing.Add("EndTime");
        if (request.Period is null)
            missing.Add("Period");
        foreach (var (dimension, i) in (request.Dimensions ?? []).Select((d, i) => (d, i + 1)))
        {
            if (string.IsNullOrEmpty(dimension.Name))
                missing.Add($"Dimensions.member.{i}.Name");
            if (string.IsNullOrEmpty(dimension.Value))
                missing.Add($"Dimensions.member.{i}.Value");
        }

        if (missing.Count > 0)
            throw CloudWatchErrors.MissingParameter(string.Join('\n', missing.Select(m => $"The parameter {m} is required.")));

        var invalid = new List<string>();
        var period = request.Period!.Value;
        // CloudWatch's Period is a 32-bit integer; a larger one would overflow the bucket arithmetic.
        if (period <= 0 || period > int.MaxValue || (period % 60 != 0 && !SubMinutePeriods.Contains(period)))
            invalid.Add("The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.");
        foreach (var (statistic, i) in (request.Statistics ?? []).Select((s, i) => (s, i + 1)))
        {
            if (!MetricStatistics.Names.Contains(statistic))
                invalid.Add($"The parameter Statistics.member.{i} must be a value in the set [ {string.Join(", ", MetricStatistics.Names)} ].");
        }

        if (request.Unit is { } unit && !Units.Contains(unit))
            invalid.Add($"The parameter Unit must be a value in the set [ {string.Join(", ", Units)} ].");
        if (request.Dimensions is { Count: > 30 } dimensions)
            invalid.Add($"The parameter Dimensions must have at most 30 members, not {dimensions.Count}.");
        if (request.StartTime == request.EndTime)
            invalid.Add("The parameter StartTime must not equal parameter EndTime.");
        else if (request.StartTime > request.EndTime)
            invalid.Add("The parameter StartTime must be less than the parameter EndTime.");
        if (invalid.Count > 0)
            throw CloudWatchErrors.InvalidParameterValue(string.Join('\n', invalid));

        var statistics = request.Statistics is { Count: > 0 };
        var extended = request.ExtendedStatistics is { Count: > 0 };
        if (statistics && extended)
            throw CloudWatchErrors.InvalidParameterCombination("Must specify either Statistics or ExtendedStatistics, not both.");
        if (!statistics && !extended)
            throw CloudWatchErrors.InvalidParameterCombination("Must specify either Statistics or ExtendedStatistics.");
        if (extended)
            throw CloudWatchErrors.InvalidParameterValue(
                "LocalSageMaker does not compute percentiles: ExtendedStatistics is not served. Ask for Statistics "
                + $"({string.Join(", ", MetricStatistics.Names)}) instead.");
    }

    /// <summary>InvalidParameterCombination when the range holds more periods than one call may return.</summary>
    public static void ThrowIfTooManyDatapoints(long requested)
    {
        if (requested > MetricStatistics.MaxDatapoints)
            throw CloudWatchErrors.InvalidParameterCombination(
                $"You have requested up to {requested} datapoints, which exceeds the limit of {MetricStatistics.MaxDatapoints}. "
                + "You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
    }
}
