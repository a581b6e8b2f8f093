using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.LocalSageMaker;

/// <summary>
/// LocalSageMaker's spans (a training job, each of its hosts) and metrics (training seconds), under the name the
/// project's telemetry set-up listens to. Its incoming requests are traced by ASP.NET Core's instrumentation, so a
/// job's spans continue the trace of the CreateTrainingJob call that started it.
/// </summary>
public static class LocalSageMakerTelemetry
{
    public const string Name = "Pipeline.LocalSageMaker";

    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>pipeline.training.seconds: a completed job's TrainingTimeInSeconds (start of Downloading to its end).</summary>
    public static Histogram<double> TrainingSeconds { get; } =
        Meter.CreateHistogram<double>("pipeline.training.seconds", "s", "Training time of completed training jobs");
}
