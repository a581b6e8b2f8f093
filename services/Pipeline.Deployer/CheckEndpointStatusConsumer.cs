using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;

namespace Pipeline.Deployer;

/// <summary>
/// One DescribeEndpoint poll. A terminal status is published as <see cref="EndpointInService"/> or
/// <see cref="EndpointDeploymentFailed"/>; a transitional one schedules the next poll.
/// </summary>
public sealed class CheckEndpointStatusConsumer(
    IEndpointHosting hosting, IOptions<DeployerOptions> options, ILogger<CheckEndpointStatusConsumer> logger)
    : IConsumer<CheckEndpointStatus>
{
    public async Task Consume(ConsumeContext<CheckEndpointStatus> context)
    {
        var m = context.Message;
        EndpointDescription description;
        try
        {
            description = await hosting.DescribeEndpointAsync(m.EndpointName, context.CancellationToken);
        }
        catch (ThrottlingException)
        {
            var delay = ThrottleBackoff.Delay(m.Throttled + 1, options.Value.PollInterval, options.Value.MaxThrottleBackoff);
            logger.LogWarning("DescribeEndpoint {Endpoint} throttled ({Throttled} in a row); polling again in {Delay}",
                m.EndpointName, m.Throttled + 1, delay);
            await context.ScheduleSend(delay, m with { Attempt = m.Attempt + 1, Throttled = m.Throttled + 1 },
                context.CancellationToken);
            return;
        }
        catch (AwsServiceException e) when (HostingErrors.IsNotFound(e))
        {
            await Fail(context, $"Endpoint '{m.EndpointName}' does not exist any more (deleted while it was being created?).");
            return;
        }
        catch (ValidationException refused)
        {
            await Fail(context, $"DescribeEndpoint '{m.EndpointName}' was refused: {refused.ServiceMessage}");
            return;
        }

        switch (description.EndpointStatus)
        {
            case EndpointStatuses.InService:
                logger.LogInformation("Endpoint {Endpoint} is InService after {Polls} polls", m.EndpointName, m.Attempt + 1);
                await context.Publish(new EndpointInService
                {
                    ExperimentId = m.ExperimentId,
                    Variant = m.Variant,
                    EndpointName = m.EndpointName,
                }, context.CancellationToken);
                break;

            case EndpointStatuses.Creating or EndpointStatuses.Updating or EndpointStatuses.SystemUpdating:
                await context.ScheduleSend(options.Value.PollInterval, m with { Attempt = m.Attempt + 1, Throttled = 0 },
                    context.CancellationToken);
                break;

            case EndpointStatuses.Failed:
                await Fail(context, $"Endpoint '{m.EndpointName}' failed: {description.FailureReason ?? "SageMaker gave no FailureReason"}");
                break;

            default:
                // OutOfService, RollingBack, Deleting (or a status this code does not know) will not become InService by waiting.
                await Fail(context, $"Endpoint '{m.EndpointName}' is {description.EndpointStatus} instead of becoming InService"
                    + (description.FailureReason is { } reason ? $": {reason}" : "."));
                break;
        }
    }

    private static Task Fail(ConsumeContext<CheckEndpointStatus> context, string reason) =>
        context.Publish(new EndpointDeploymentFailed
        {
            ExperimentId = context.Message.ExperimentId,
            Variant = context.Message.Variant,
            EndpointName = context.Message.EndpointName,
            Reason = reason,
        }, context.CancellationToken);
}
