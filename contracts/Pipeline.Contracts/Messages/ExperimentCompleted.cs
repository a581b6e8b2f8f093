using System.Text.Json.Serialization;

namespace Pipeline.Contracts;

public sealed record ExperimentCompleted
{
    public required Guid ExperimentId { get; init; }
    public required ExperimentReport Report { get; init; }
}

/// <summary>The comparison the user came for.</summary>
public sealed record ExperimentReport
{
    public required string Name { get; init; }
    public required IngestedDataset Dataset { get; init; }
    public required IReadOnlyList<VariantReport> Variants { get; init; }

    /// <summary>The FullyReplicated variant the ratios compare against; null when there is none.</summary>
    public string? Baseline { get; init; }
}

// Ratios against a baseline whose MSE or log span is 0 are infinite or NaN; plain JSON has neither.
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record VariantReport
{
    public required string Variant { get; init; }
    public required string TrainDistribution { get; init; }
    public required int InstanceCount { get; init; }
    public required string TrainingJobName { get; init; }
    public required double LogSpanSeconds { get; init; }
    public required int TrainingTimeInSeconds { get; init; }
    public required int BillableTimeInSeconds { get; init; }

    /// <summary>BillableTimeInSeconds x InstanceCount: what the cluster was billed for.</summary>
    public required long BilledSeconds { get; init; }

    public required EvaluationMetrics Metrics { get; init; }
    public IReadOnlyList<HostLogSpan> Hosts { get; init; } = [];

    /// <summary>Baseline log span / this variant's log span; null without a baseline.</summary>
    public double? SpeedUp { get; init; }

    /// <summary>This variant's MSE / the baseline's MSE; null without a baseline.</summary>
    public double? MseRatio { get; init; }
}
