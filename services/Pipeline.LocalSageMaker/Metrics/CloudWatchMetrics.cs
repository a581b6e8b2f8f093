using System.Globalization;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Metrics;

/// <summary>
/// LocalSageMaker's CloudWatch metrics: what each training job's metric definitions matched in its hosts' logs, as
/// SageMaker publishes it, under namespace <c>/aws/sagemaker/TrainingJobs</c> with the one dimension
/// <c>TrainingJobName</c> (every host's values in the one series). A metric exists once it has a value.
/// </summary>
public sealed class CloudWatchMetrics(TrainingJobEngine jobs, TimeProvider time) : IMetricsApi
{
    public const string TrainingJobsNamespace = "/aws/sagemaker/TrainingJobs";
    public const string JobDimension = "TrainingJobName";

    /// <summary>The most metrics ListMetrics answers at once, as CloudWatch.</summary>
    public const int ListPageSize = 500;

    public Task<GetMetricStatisticsResponse> GetMetricStatisticsAsync(GetMetricStatisticsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        GetMetricStatisticsValidation.ThrowIfInvalid(request);
        var period = request.Period!.Value;
        var end = request.EndTime!.Value;
        var first = MetricStatistics.FirstPeriodStart(request.StartTime!.Value, period, time.GetUtcNow());
        GetMetricStatisticsValidation.ThrowIfTooManyDatapoints(MetricStatistics.DatapointsRequested(first, end, period));

        // Another namespace, other dimensions, an unknown job or metric, a unit other than None: a metric with no data.
        var job = request.Namespace == TrainingJobsNamespace && JobNamed(request.Dimensions) is { } name ? jobs.Job(name) : null;
        var samples = job is not null && request.Unit is null or MetricStatistics.NoUnit
            ? job.Metrics.Points(request.MetricName!).Select(p => new MetricSample(p.Timestamp, p.Value))
            : [];
        return Task.FromResult(new GetMetricStatisticsResponse
        {
            Label = request.MetricName!,
            Datapoints = MetricStatistics.Aggregate(samples, first, end, period, request.Statistics!),
        });
    }

    public Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filters = request.Dimensions ?? [];
        var missing = filters.Select((f, i) => (f, i + 1)).Where(x => string.IsNullOrEmpty(x.f.Name))
            .Select(x => $"The parameter Dimensions.member.{x.Item2}.Name is required.").ToList();
        if (missing.Count > 0)
            throw CloudWatchErrors.MissingParameter(string.Join('\n', missing));
        if (filters.Count > 10)
            throw CloudWatchErrors.InvalidParameterValue($"The parameter Dimensions must have at most 10 members, not {filters.Count}.");
        if (request.RecentlyActive is { } recent && recent != "PT3H")
            throw CloudWatchErrors.InvalidParameterValue("The parameter RecentlyActive must be a value in the set [ PT3H ].");
        var skip = 0;
        if (request.NextToken is { } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out skip)))
            throw CloudWatchErrors.InvalidParameterValue("The parameter NextToken is invalid.");

        var since = request.RecentlyActive is null ? DateTimeOffset.MinValue : time.GetUtcNow() - TimeSpan.FromHours(3);
        var matching = request.Namespace is null or TrainingJobsNamespace
            && filters.All(f => f.Name == JobDimension)
            ? jobs.Jobs
                .Where(job => filters.All(f => f.Value is null || f.Value == job.Name))
                .OrderBy(job => job.Name, StringComparer.Ordinal)
                .SelectMany(job => job.Metrics.Names
                    .Where(metric => request.MetricName is null || request.MetricName == metric)
                    .Where(metric => job.Metrics.Points(metric) is { Count: > 0 } points && points[^1].Timestamp >= since)
                    .Select(metric => new Metric
                    {
                        Namespace = TrainingJobsNamespace,
                        MetricName = metric,
                        Dimensions = [new Dimension { Name = JobDimension, Value = job.Name }],
                    }))
                .ToList()
            : [];
        var page = matching.Skip(skip).Take(ListPageSize).ToList();
        return Task.FromResult(new ListMetricsResponse
        {
            Metrics = page,
            NextToken = skip + page.Count < matching.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null,
        });
    }

    /// <summary>The job a metric's dimensions name when they are exactly <c>TrainingJobName</c>; null otherwise.</summary>
    private static string? JobNamed(List<Dimension>? dimensions) =>
        dimensions is [{ Name: JobDimension, Value: { } name }] ? name : null;
}
