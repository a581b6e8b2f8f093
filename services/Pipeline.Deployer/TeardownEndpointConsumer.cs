using MassTransit;
using Microsoft.Extensions.Logging;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;

namespace Pipeline.Deployer;

/// <summary>
/// Stops the variant's batch transform job if one is still running, deletes the endpoint, then its config, then the
/// model (what is already gone counts as deleted), then hands over
/// to <see cref="CheckEndpointDeletedConsumer"/>, which publishes <see cref="EndpointDeleted"/> once DescribeEndpoint
/// no longer finds the endpoint. Any other error propagates to the retry policy and, in the end, to the saga as a
/// Fault&lt;TeardownEndpoint&gt;.
/// </summary>
public sealed class TeardownEndpointConsumer(IEndpointHosting hosting, ILogger<TeardownEndpointConsumer> logger)
    : IConsumer<TeardownEndpoint>
{
    public async Task Consume(ConsumeContext<TeardownEndpoint> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;

        await StopTransformJob(m.ModelName, ct);
        await DeleteIfPresent("endpoint", m.EndpointName, () => hosting.DeleteEndpointAsync(m.EndpointName, ct));
        await DeleteIfPresent("endpoint config", m.EndpointConfigName, () => hosting.DeleteEndpointConfigAsync(m.EndpointConfigName, ct));
        await DeleteIfPresent("model", m.ModelName, () => hosting.DeleteModelAsync(m.ModelName, ct));

        // The first check right away: an endpoint that went at once is reported without waiting a poll interval.
        await context.ScheduleSend(TimeSpan.Zero, new CheckEndpointDeleted
        {
            ExperimentId = m.ExperimentId,
            Variant = m.Variant,
            EndpointName = m.EndpointName,
        }, ct);
    }

    /// <summary>
    /// The Evaluator names a variant's transform job after its model (see BatchTransformEvaluation); one still running
    /// when the experiment ends early is stopped. No such job, or one already ended, is nothing to do: SageMaker answers
    /// both with a ValidationException.
    /// </summary>
    private async Task StopTransformJob(string name, CancellationToken cancellationToken)
    {
        try
        {
            await hosting.StopTransformJobAsync(name, cancellationToken);
            logger.LogInformation("Stopped transform job {Name}", name);
        }
        catch (AwsServiceException e) when (e is ValidationException || HostingErrors.IsNotFound(e))
        {
            logger.LogDebug("No transform job {Name} to stop: {Reason}", name, e.Message);
        }
    }

    private async Task DeleteIfPresent(string kind, string name, Func<Task> delete)
    {
        try
        {
            await delete();
            logger.LogInformation("Deleted {Kind} {Name}", kind, name);
        }
        catch (AwsServiceException e) when (HostingErrors.IsNotFound(e))
        {
            logger.LogInformation("The {Kind} {Name} was already gone", kind, name);
        }
    }
}
