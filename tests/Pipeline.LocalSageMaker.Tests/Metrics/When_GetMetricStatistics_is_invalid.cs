using Pipeline.Aws;
using Pipeline.LocalSageMaker.Metrics;

namespace Pipeline.LocalSageMaker.Tests.Metrics;

/// <summary>Every problem GetMetricStatistics checks, with the code and words CloudWatch uses.</summary>
public sealed class When_GetMetricStatistics_is_invalid
{
    private static readonly DateTimeOffset Noon = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly GetMetricStatisticsRequest Valid = new()
    {
        Namespace = CloudWatchMetrics.TrainingJobsNamespace,
        MetricName = "train:loss",
        Dimensions = [new Dimension { Name = "TrainingJobName", Value = "job-1" }],
        StartTime = Noon,
        EndTime = Noon.AddHours(1),
        Period = 60,
        Statistics = ["Average"],
    };

    public static TheoryData<string, GetMetricStatisticsRequest, string, string> Cases => new()
    {
        { "nothing", new GetMetricStatisticsRequest(), "MissingParameter",
            "The parameter Namespace is required.\nThe parameter MetricName is required.\nThe parameter StartTime is required.\n"
            + "The parameter EndTime is required.\nThe parameter Period is required." },
        { "a dimension without a value", Valid with { Dimensions = [new Dimension { Name = "TrainingJobName" }] }, "MissingParameter",
            "The parameter Dimensions.member.1.Value is required." },
        { "period 7", Valid with { Period = 7 }, "InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60." },
        { "period 90", Valid with { Period = 90 }, "InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60." },
        { "period 0", Valid with { Period = 0 }, "InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60." },
        { "an unknown statistic", Valid with { Statistics = ["Average", "Median"] }, "InvalidParameterValue",
            "The parameter Statistics.member.2 must be a value in the set [ SampleCount, Average, Sum, Minimum, Maximum ]." },
        { "an unknown unit", Valid with { Unit = "Furlongs" }, "InvalidParameterValue", "The parameter Unit must be a value in the set [ Seconds," },
        { "31 dimensions", Valid with { Dimensions = [.. Enumerable.Range(0, 31).Select(i => new Dimension { Name = $"d{i}", Value = "v" })] },
            "InvalidParameterValue", "The parameter Dimensions must have at most 30 members, not 31." },
        { "start = end", Valid with { EndTime = Noon }, "InvalidParameterValue", "The parameter StartTime must not equal parameter EndTime." },
        { "start > end", Valid with { EndTime = Noon.AddSeconds(-1) }, "InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime." },
        { "two bad values", Valid with { Period = 7, EndTime = Noon }, "InvalidParameterValue",
            "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.\nThe parameter StartTime must not equal parameter EndTime." },
        { "no statistics", Valid with { Statistics = [] }, "InvalidParameterCombination", "Must specify either Statistics or ExtendedStatistics." },
        { "both kinds of statistics", Valid with { ExtendedStatistics = ["p90"] }, "InvalidParameterCombination",
            "Must specify either Statistics or ExtendedStatistics, not both." },
        { "percentiles", Valid with { Statistics = null, ExtendedStatistics = ["p90"] }, "InvalidParameterValue",
            "LocalSageMaker does not compute percentiles: ExtendedStatistics is not served." },
        { "1441 periods of a second", Valid with { Period = 1, EndTime = Noon.AddSeconds(1441) }, "InvalidParameterCombination",
            "You have requested up to 1441 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range." },
        { "1441 minutes", Valid with { EndTime = Noon.AddMinutes(1440).AddSeconds(1) }, "InvalidParameterCombination",
            "You have requested up to 1441 datapoints" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task It_is_refused_with_CloudWatchs_code_and_message(string problem, GetMetricStatisticsRequest request, string code, string message)
    {
        await using var local = new Support.LocalSageMakerUnderTest();
        var api = local.Metrics;

        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => api.GetMetricStatisticsAsync(request, default));

        Assert.True(code == refused.ErrorCode, $"{problem}: {refused.ErrorCode} {refused.ServiceMessage}");
        Assert.StartsWith(message, refused.ServiceMessage, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(300)]
    [InlineData(86400)]
    public async Task A_period_of_a_division_of_a_minute_or_whole_minutes_is_served(long period)
    {
        await using var local = new Support.LocalSageMakerUnderTest();

        var answer = await local.Metrics.GetMetricStatisticsAsync(Valid with { Period = period, EndTime = Noon.AddSeconds(period * 1440) }, default);

        Assert.Empty(answer.Datapoints);
    }
}
