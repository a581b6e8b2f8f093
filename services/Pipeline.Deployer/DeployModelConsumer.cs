using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;

namespace Pipeline.Deployer;

/// <summary>
/// Creates the model, the endpoint config and the endpoint (each: already there counts as done), then schedules
/// the first <see cref="CheckEndpointStatus"/>. Nothing waits for the endpoint here. A model-only command (evaluation by
/// batch transform) creates the model and publishes <see cref="ModelCreated"/>.
/// </summary>
public sealed class DeployModelConsumer(IEndpointHosting hosting, IOptions<DeployerOptions> options, ILogger<DeployModelConsumer> logger)
    : IConsumer<DeployModel>
{
    /// <summary>The one production variant, as in the notebook.</summary>
    public const string ProductionVariantName = "AllTraffic";

    public async Task Consume(ConsumeContext<DeployModel> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        try
        {
            await CreateOnce("model", m.ModelName,
                () => hosting.CreateModelAsync(m.ModelName, m.Image, m.ModelArtifactUri, m.RoleArn, m.Tags, ct));
            if (m.ModelOnly)
            {
                await context.Publish(new ModelCreated { ExperimentId = m.ExperimentId, Variant = m.Variant, ModelName = m.ModelName }, ct);
                return;
            }

            await CreateOnce("endpoint config", m.EndpointConfigName,
                () => hosting.CreateEndpointConfigAsync(m.EndpointConfigName, m.ModelName, ProductionVariantName,
                    m.InstanceType, m.InstanceCount, m.Tags, ct));
            await CreateOnce("endpoint", m.EndpointName,
                () => hosting.CreateEndpointAsync(m.EndpointName, m.EndpointConfigName, m.Tags, ct));
        }
        catch (ValidationException refused)
        {
            // An invalid image, role or instance type: the same request can never succeed.
            await context.Publish(new EndpointDeploymentFailed
            {
                ExperimentId = m.ExperimentId,
                Variant = m.Variant,
                EndpointName = m.EndpointName,
                Reason = $"SageMaker refused to deploy '{m.EndpointName}': {refused.ServiceMessage}",
            }, ct);
            return;
        }

        await context.ScheduleSend(options.Value.PollInterval, new CheckEndpointStatus
        {
            ExperimentId = m.ExperimentId,
            Variant = m.Variant,
            EndpointName = m.EndpointName,
        }, ct);
    }

    private async Task CreateOnce(string kind, string name, Func<Task> create)
    {
        try
        {
            await create();
            logger.LogInformation("Created {Kind} {Name}", kind, name);
        }
        catch (AwsServiceException e) when (HostingErrors.IsAlreadyExists(e))
        {
            logger.LogInformation("The {Kind} {Name} already exists; using it", kind, name);
        }
    }
}
