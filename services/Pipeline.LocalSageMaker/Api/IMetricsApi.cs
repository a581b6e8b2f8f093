using Pipeline.LocalSageMaker.Metrics;

namespace Pipeline.LocalSageMaker.Api;

/// <summary>The CloudWatch metric read operations LocalSageMaker serves for its training jobs' metrics.</summary>
public interface IMetricsApi
{
    Task<GetMetricStatisticsResponse> GetMetricStatisticsAsync(GetMetricStatisticsRequest request, CancellationToken cancellationToken);
    Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken);
}
