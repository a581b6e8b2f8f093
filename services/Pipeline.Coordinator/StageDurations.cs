using System.Diagnostics.Metrics;
using MassTransit;

namespace Pipeline.Coordinator;

/// <summary>
/// pipeline.stage.duration: how long each experiment spent in each state (Ingesting, Training, ...), recorded when it
/// leaves the state. The time it entered is kept on the saga, so a Coordinator restarted meanwhile still measures it.
/// </summary>
/// <param name="initial">The machine's Initial state: leaving it starts the first stage, it is no stage itself.</param>
public sealed class StageDurations(TimeProvider time, State initial) : IStateObserver<ExperimentState>
{
    public const string MeterName = "Pipeline.Coordinator";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("pipeline.stage.duration", "s", "Time an experiment spent in a stage");

    public Task StateChanged(BehaviorContext<ExperimentState> context, State currentState, State previousState)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        if (previousState is not null && !previousState.Equals(initial) && context.Saga.StageEnteredAt is { } entered)
            Duration.Record(Math.Max(0, (now - entered).TotalSeconds), new KeyValuePair<string, object?>("pipeline.stage", previousState.Name));
        context.Saga.StageEnteredAt = now;
        return Task.CompletedTask;
    }
}
