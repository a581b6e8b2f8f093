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
}
