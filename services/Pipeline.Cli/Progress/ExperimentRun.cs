using MassTransit;
using Pipeline.Cli.Output;
using Pipeline.Contracts;

namespace Pipeline.Cli.Progress;

/// <summary>
/// Starts one experiment and follows it to its end. A cancel request publishes CancelExperiment once and
/// keeps following, because only the coordinator knows when everything it created is gone.
/// </summary>
public sealed class ExperimentRun(IPublishEndpoint bus, ExperimentEvents events, IProgressView view, TimeProvider clock)
{
    public const string CancelReason = "cancelled from the command line";

    public async Task<ExperimentProgress> RunAsync(Guid experimentId, ExperimentSpec spec, CancellationToken cancelRequested)
    {
        var progress = new ExperimentProgress(experimentId, spec);
        // Every message the experiment causes, in every process, is in this span's trace.
        using var span = CliTelemetry.Source.StartActivity("experiment");
        span?.SetTag("pipeline.experiment_id", experimentId.ToString());
        await view.FollowAsync(progress, async report =>
        {
            await bus.Publish(new StartExperiment { ExperimentId = experimentId, Spec = spec }, CancellationToken.None);
            report($"experiment {experimentId} started");
            progress.Stages.Observe(progress.Stage, clock.GetUtcNow());
            while (!progress.IsFinished)
            {
                object message;
                try
                {
                    message = await events.Reader.ReadAsync(progress.CancelRequested ? CancellationToken.None : cancelRequested);
                }
                catch (OperationCanceledException) when (cancelRequested.IsCancellationRequested && !progress.CancelRequested)
                {
                    report(progress.RequestCancel());
                    await bus.Publish(new CancelExperiment { ExperimentId = experimentId, Reason = CancelReason }, CancellationToken.None);
                    continue;
                }

                report(progress.Apply(message));
                progress.Stages.Observe(progress.Stage, clock.GetUtcNow());
            }
        });
        span?.SetTag("pipeline.outcome", progress.Stage.ToString());
        return progress;
    }
}
