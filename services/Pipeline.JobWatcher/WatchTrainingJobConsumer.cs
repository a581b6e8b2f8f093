using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Contracts;

namespace Pipeline.JobWatcher;

/// <summary>
/// One poll of a training job. A running job is polled again by scheduling this message to the watcher's
/// own queue, so nothing waits in a thread; a job that has ended is reported once, which ends the chain.
/// The saga's training timeout bounds how long a job is watched.
/// </summary>
public sealed class WatchTrainingJobConsumer(
    ITrainingJobDescriber describer,
    TrainingLogSpan logSpan,
    PollBackoff backoff,
    IOptions<JobWatcherOptions> options,
    ILogger<WatchTrainingJobConsumer> logger) : IConsumer<WatchTrainingJob>
{
    public async Task Consume(ConsumeContext<WatchTrainingJob> context)
    {
        var watch = context.Message;
        try
        {
            TrainingJobDescription job;
            try
            {
                job = await describer.DescribeTrainingJobAsync(watch.TrainingJobName, context.CancellationToken);
            }
            catch (ResourceNotFoundException e)
            {
                await context.Publish(Failed(watch, TrainingJobStatuses.Failed, null,
                    $"Training job '{watch.TrainingJobName}' does not exist (DescribeTrainingJob: {e.ServiceMessage})."));
                return;
            }

            switch (job.TrainingJobStatus)
            {
                case TrainingJobStatuses.Completed:
                    await ReportCompleted(context, job);
                    break;
                case TrainingJobStatuses.Failed:
                    await context.Publish(Failed(watch, TrainingJobStatuses.Failed, job.SecondaryStatus,
                        job.FailureReason ?? "SageMaker reported the job Failed without a FailureReason."));
                    break;
                case TrainingJobStatuses.Stopped:
                    await context.Publish(Failed(watch, TrainingJobStatuses.Stopped, job.SecondaryStatus, StoppedReason(job)));
                    break;
                default:
                    // InProgress and Stopping; an unknown status is watched too, and the stage timeout bounds it.
                    if (job.TrainingJobStatus is not (TrainingJobStatuses.InProgress or TrainingJobStatuses.Stopping))
                        logger.LogWarning("Training job {TrainingJob} has unknown status {Status}; still watching",
                            watch.TrainingJobName, job.TrainingJobStatus);
                    await ReportProgressAndPollAgain(context, job);
                    break;
            }
        }
        catch (ThrottlingException)
        {
            var throttled = watch.Throttled + 1;
            var delay = backoff.DelayAfter(throttled);
            logger.LogInformation("Polling training job {TrainingJob} was throttled {Throttled} time(s) in a row; next poll in {Delay}",
                watch.TrainingJobName, throttled, delay);
            await context.ScheduleSend(delay, watch with { Attempt = watch.Attempt + 1, Throttled = throttled });
        }
    }

    private async Task ReportProgressAndPollAgain(ConsumeContext<WatchTrainingJob> context, TrainingJobDescription job)
    {
        var watch = context.Message;
        if (job.SecondaryStatus is { } secondary && secondary != watch.LastSecondaryStatus)
        {
            logger.LogInformation("Training job {TrainingJob}: {SecondaryStatus}", watch.TrainingJobName, secondary);
            await context.Publish(new TrainingJobStatusChanged
            {
                ExperimentId = watch.ExperimentId,
                Variant = watch.Variant,
                TrainingJobName = watch.TrainingJobName,
                SecondaryStatus = secondary,
            });
        }

        await context.ScheduleSend(options.Value.PollInterval, watch with
        {
            Attempt = watch.Attempt + 1,
            Throttled = 0,
            LastSecondaryStatus = job.SecondaryStatus ?? watch.LastSecondaryStatus,
        });
    }

    private async Task ReportCompleted(ConsumeContext<WatchTrainingJob> context, TrainingJobDescription job)
    {
        var watch = context.Message;
        if (string.IsNullOrEmpty(job.ModelArtifacts))
        {
            await context.Publish(Failed(watch, TrainingJobStatuses.Failed, job.SecondaryStatus,
                "SageMaker reported the job Completed but gave no ModelArtifacts.S3ModelArtifacts to deploy."));
            return;
        }

        var span = await logSpan.MeasureAsync(watch.TrainingJobName, context.CancellationToken);
        if (job.BillableTimeInSeconds is null)
            logger.LogWarning("Training job {TrainingJob} completed without BillableTimeInSeconds; reporting 0", watch.TrainingJobName);

        logger.LogInformation("Training job {TrainingJob} completed: {LogSpanSeconds:0.#} s of logs over {Streams} stream(s)",
            watch.TrainingJobName, span.Seconds, span.Hosts.Count);
        await context.Publish(new TrainingJobCompleted
        {
            ExperimentId = watch.ExperimentId,
            Variant = watch.Variant,
            TrainingJobName = watch.TrainingJobName,
            ModelArtifactUri = job.ModelArtifacts,
            InstanceCount = job.InstanceCount,
            LogSpanSeconds = span.Seconds,
            TrainingTimeInSeconds = job.TrainingTimeInSeconds ?? SecondsBetween(job.TrainingStartTime, job.TrainingEndTime),
            BillableTimeInSeconds = job.BillableTimeInSeconds ?? 0,
            Hosts = span.Hosts,
        });
    }

    private static int SecondsBetween(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e && e > s ? (int)(e - s).TotalSeconds : 0;

    private static string StoppedReason(TrainingJobDescription job)
    {
        var reason = job.SecondaryStatus switch
        {
            "MaxRuntimeExceeded" => "Stopped: MaxRuntimeExceeded (the job ran past StoppingCondition.MaxRuntimeInSeconds)",
            "MaxWaitTimeExceeded" => "Stopped: MaxWaitTimeExceeded (the job waited past StoppingCondition.MaxWaitTimeInSeconds)",
            null or "Stopped" or "Stopping" => "Stopped by request",
            var other => $"Stopped: {other}",
        };
        return job.FailureReason is { Length: > 0 } detail ? $"{reason} - {detail}" : reason;
    }

    private static TrainingJobFailed Failed(WatchTrainingJob watch, string status, string? secondaryStatus, string reason) => new()
    {
        ExperimentId = watch.ExperimentId,
        Variant = watch.Variant,
        TrainingJobName = watch.TrainingJobName,
        Status = status,
        SecondaryStatus = secondaryStatus,
        Reason = reason,
    };
}
