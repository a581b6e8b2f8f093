using MassTransit;
using Microsoft.Extensions.Logging;
using Pipeline.Aws;
using Pipeline.Contracts;

namespace Pipeline.Trainer;

/// <summary>
/// Creates one variant's training job. SageMaker has no idempotency token for CreateTrainingJob, so a
/// redelivered command meets ResourceInUse for the name it created before and reports that job instead.
/// </summary>
public sealed class StartTrainingJobConsumer(ITrainingJobControl control, ILogger<StartTrainingJobConsumer> logger)
    : IConsumer<StartTrainingJob>
{
    public async Task Consume(ConsumeContext<StartTrainingJob> context)
    {
        var command = context.Message;
        if (!ResourceNames.IsValidName(command.TrainingJobName))
        {
            await PublishRejected(context,
                $"'{command.TrainingJobName}' is not a valid training job name: SageMaker takes 1-{ResourceNames.MaxLength} letters, digits and hyphens, starting and ending with a letter or digit.");
            return;
        }

        string arn;
        try
        {
            arn = await control.CreateTrainingJobAsync(TrainingJobRequestMapping.ToRequest(command), context.CancellationToken);
            logger.LogInformation("Created training job {TrainingJob} ({Arn})", command.TrainingJobName, arn);
        }
        catch (ResourceInUseException)
        {
            arn = await control.DescribeTrainingJobArnAsync(command.TrainingJobName, context.CancellationToken);
            logger.LogInformation("Training job {TrainingJob} already exists ({Arn}); reporting it as started", command.TrainingJobName, arn);
        }
        catch (ValidationException e)
        {
            await PublishRejected(context, e.ServiceMessage);
            return;
        }

        await context.Publish(new TrainingJobStarted
        {
            ExperimentId = command.ExperimentId,
            Variant = command.Variant,
            TrainingJobName = command.TrainingJobName,
            TrainingJobArn = arn,
        });
    }

    private async Task PublishRejected(ConsumeContext<StartTrainingJob> context, string reason)
    {
        var command = context.Message;
        logger.LogWarning("Training job {TrainingJob} was rejected: {Reason}", command.TrainingJobName, reason);
        await context.Publish(new TrainingJobFailed
        {
            ExperimentId = command.ExperimentId,
            Variant = command.Variant,
            TrainingJobName = command.TrainingJobName,
            Status = "Rejected",
            Reason = reason,
        });
    }
}
