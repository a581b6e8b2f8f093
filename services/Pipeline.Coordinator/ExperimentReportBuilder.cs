using Pipeline.Contracts;

namespace Pipeline.Coordinator;

/// <summary>Turns a finished experiment into the comparison: per variant times, cost and accuracy, and ratios to the baseline.</summary>
public static class ExperimentReportBuilder
{
    public static ExperimentReport Build(ExperimentState saga)
    {
        var baseline = saga.Variants.Find(v => v.TrainDistribution == DistributionTypes.FullyReplicated);
        return new ExperimentReport
        {
            Name = saga.Spec.Name,
            Dataset = saga.Dataset!,
            Baseline = baseline?.Name,
            Variants = saga.Variants.Select(v => Report(v, baseline)).ToList(),
        };
    }

    private static VariantReport Report(VariantProgress variant, VariantProgress? baseline)
    {
        var training = variant.Training!;
        var metrics = variant.Metrics!;
        return new VariantReport
        {
            Variant = variant.Name,
            TrainDistribution = variant.TrainDistribution,
            InstanceCount = training.InstanceCount,
            TrainingJobName = training.TrainingJobName,
            LogSpanSeconds = training.LogSpanSeconds,
            TrainingTimeInSeconds = training.TrainingTimeInSeconds,
            BillableTimeInSeconds = training.BillableTimeInSeconds,
            BilledSeconds = (long)training.BillableTimeInSeconds * training.InstanceCount,
            Metrics = metrics,
            Hosts = training.Hosts,
            SpeedUp = baseline is null ? null : Ratio(baseline.Training!.LogSpanSeconds, training.LogSpanSeconds),
            MseRatio = baseline is null ? null : Ratio(metrics.Mse, baseline.Metrics!.Mse),
        };
    }

    /// <summary>A ratio, or null when the divisor is zero (a zero-length log span says nothing about speed).</summary>
    private static double? Ratio(double numerator, double denominator) =>
        denominator > 0 ? numerator / denominator : null;
}
