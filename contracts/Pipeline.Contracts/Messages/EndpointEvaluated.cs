using System.Text.Json.Serialization;

namespace Pipeline.Contracts;

public sealed record EndpointEvaluated
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string EndpointName { get; init; }
    public required EvaluationMetrics Metrics { get; init; }
}

// R2 is NaN when every label is the same; plain JSON has no NaN, so the serializer must write it as "NaN".
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record EvaluationMetrics
{
    public required long Rows { get; init; }
    public required double Mse { get; init; }
    public required double Rmse { get; init; }
    public required double Mae { get; init; }

    /// <summary>Coefficient of determination; NaN when every label is the same.</summary>
    public required double R2 { get; init; }

    public required int Invocations { get; init; }

    /// <summary>InvokeEndpoint round-trip times; null when nothing was timed.</summary>
    public InvocationLatency? Latency { get; init; }

    /// <summary>Test rows scored per second of wall time over the whole evaluation.</summary>
    public double? RowsPerSecond { get; init; }

    /// <summary>s3:// URI of every (actual, predicted) pair as CSV, in test-set order; null when not saved.</summary>
    public string? PredictionsObject { get; init; }

    /// <summary>An evenly spaced sample of (actual, predicted) pairs for the report's chart.</summary>
    public IReadOnlyList<PredictionPoint> Sample { get; init; } = [];
}

/// <summary>Percentiles of InvokeEndpoint round trips, in milliseconds.</summary>
public sealed record InvocationLatency(double P50Ms, double P95Ms, double P99Ms);

/// <summary>One test row's label and the endpoint's score for it.</summary>
public sealed record PredictionPoint(double Actual, double Predicted);
