using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Evaluator;

/// <summary>A span per scored batch; the test MSE of each evaluation as a metric.</summary>
public static class EvaluatorTelemetry
{
    public const string Name = "Pipeline.Evaluator";

    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>pipeline.evaluation.mse: the test-set MSE of the last evaluation of an endpoint.</summary>
    public static Gauge<double> Mse { get; } = Meter.CreateGauge<double>("pipeline.evaluation.mse", description: "Test-set mean squared error of an evaluated endpoint");

    /// <summary>pipeline.evaluation.rows: rows scored.</summary>
    public static Counter<long> Rows { get; } = Meter.CreateCounter<long>("pipeline.evaluation.rows", "{row}", "Test rows scored");
}
