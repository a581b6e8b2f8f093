using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Pipeline.Aws;
using Pipeline.Contracts;

namespace Pipeline.Trainer;

/// <summary>
/// Stops one training job. A job that never existed or has already ended needs no stopping, so both
/// count as done.
/// </summary>
public sealed partial class StopTrainingJobConsumer(ITrainingJobControl control, ILogger<StopTrainingJobConsumer> logger)
    : IConsumer<StopTrainingJob>
{
    public async Task Consume(ConsumeContext<StopTrainingJob> context)
    {
        var command = context.Message;
        try
        {
            await control.StopTrainingJobAsync(command.TrainingJobName, context.CancellationToken);
            logger.LogInformation("Asked training job {TrainingJob} to stop", command.TrainingJobName);
        }
        catch (ResourceNotFoundException)
        {
            logger.LogInformation("Training job {TrainingJob} does not exist; nothing to stop", command.TrainingJobName);
        }
        catch (ValidationException e) when (IsNotInProgress(e.ServiceMessage))
        {
            logger.LogInformation("Training job {TrainingJob} is no longer running ({Message}); nothing to stop",
                command.TrainingJobName, e.ServiceMessage);
        }

        await context.Publish(new TrainingJobStopRequested
        {
            ExperimentId = command.ExperimentId,
            Variant = command.Variant,
            TrainingJobName = command.TrainingJobName,
        });
    }

    /// <summary>
    /// SageMaker refuses StopTrainingJob for a job that is not InProgress with a ValidationException naming the
    /// job's status ("... the training job is in status Completed."); Stopping means an earlier stop is under way.
    /// </summary>
    public static bool IsNotInProgress(string serviceMessage) => EndedStatus().IsMatch(serviceMessage);

    [GeneratedRegex(@"\bstatus\b.*\b(Completed|Failed|Stopped|Stopping)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex EndedStatus();
}
