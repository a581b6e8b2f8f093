namespace Pipeline.LocalSageMaker.Metrics;

// CloudWatch's shapes for the operations served, named as botocore's model (cloudwatch 2010-08-01) names them.

/// <summary>A dimension of a metric (Name and Value), or a ListMetrics dimension filter (Value optional).</summary>
public sealed record Dimension
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}

public sealed record GetMetricStatisticsRequest
{
    public string? Namespace { get; init; }
    public string? MetricName { get; init; }
    public List<Dimension>? Dimensions { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public long? Period { get; init; }
    public List<string>? Statistics { get; init; }
    public List<string>? ExtendedStatistics { get; init; }
    public string? Unit { get; init; }
}

/// <summary>One period's statistics; only the statistics asked for are set.</summary>
public sealed record Datapoint
{
    public required DateTimeOffset Timestamp { get; init; }
    public double? SampleCount { get; init; }
    public double? Average { get; init; }
    public double? Sum { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public required string Unit { get; init; }
}

public sealed record GetMetricStatisticsResponse
{
    public required string Label { get; init; }
    public required List<Datapoint> Datapoints { get; init; }
}

public sealed record ListMetricsRequest
{
    public string? Namespace { get; init; }
    public string? MetricName { get; init; }
    public List<Dimension>? Dimensions { get; init; }
    public string? NextToken { get; init; }
    public string? RecentlyActive { get; init; }
}

public sealed record Metric
{
    public required string Namespace { get; init; }
    public required string MetricName { get; init; }
    public required List<Dimension> Dimensions { get; init; }
}

public sealed record ListMetricsResponse
{
    public required List<Metric> Metrics { get; init; }
    public string? NextToken { get; init; }
}
