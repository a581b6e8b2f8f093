using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;

namespace Pipeline.Deployer;

/// <summary>
/// One DescribeEndpoint poll of an endpoint being deleted: gone is published as <see cref="EndpointDeleted"/>;
/// Deleting polls again; any other status (an endpoint that came back, or a delete that did not take) is deleted again.
/// Only "gone" counts, so the saga never reports an endpoint deleted that SageMaker still describes.
/// </summary>
public sealed class CheckEndpointDeletedConsumer(
    IEndpointHosting hosting, IOptions<DeployerOptions> options, ILogger<CheckEndpointDeletedConsumer> logger)
    : IConsumer<CheckEndpointDeleted>
{
    public async Task Consume(ConsumeContext<CheckEndpointDeleted> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        EndpointDescription description;
        try
        {
            description = await hosting.DescribeEndpointAsync(m.EndpointName, ct);
        }
        catch (AwsServiceException e) when (HostingErrors.IsNotFound(e))
        {
            logger.LogInformation("Endpoint {Endpoint} is gone after {Polls} polls", m.EndpointName, m.Attempt + 1);
            await context.Publish(new EndpointDeleted { ExperimentId = m.ExperimentId, Variant = m.Variant, EndpointName = m.EndpointName }, ct);
            return;
        }
        catch (ThrottlingException)
        {
            // Polled again below, like any endpoint still going.
            description = new EndpointDescription(EndpointStatuses.Deleting);
        }

        if (description.EndpointStatus != EndpointStatuses.Deleting)
        {
            logger.LogWarning("Endpoint {Endpoint} is {Status} during teardown; deleting it again", m.EndpointName, description.EndpointStatus);
            try
            {
                await hosting.DeleteEndpointAsync(m.EndpointName, ct);
            }
            catch (AwsServiceException e) when (HostingErrors.IsNotFound(e))
            {
                // Gone between the two calls: the next poll says so.
            }
        }

        await context.ScheduleSend(options.Value.PollInterval, m with { Attempt = m.Attempt + 1 }, ct);
    }
}
