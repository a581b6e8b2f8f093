using MassTransit;
using MassTransit.Transports;

namespace Pipeline.Transport.Sqs.Configuration;

/// <summary>The running host: receive endpoints connected after start are configured and started here.</summary>
internal sealed class SqsHost(SqsHostConfiguration hostConfiguration, IBusTopology busTopology) : BaseHost(hostConfiguration, busTopology)
{
    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        var queueName = definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance);
        return ConnectReceiveEndpoint(queueName, configurator =>
        {
            hostConfiguration.ApplyDefinition(configurator, definition);
            configureEndpoint?.Invoke(configurator);
        });
    }

    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        LogContext.SetCurrentIfNull(hostConfiguration.LogContext);
        var configuration = hostConfiguration.CreateReceiveEndpointConfiguration(queueName, configureEndpoint);
        configuration.Validate().ThrowIfContainsFailure("The receive endpoint configuration is invalid:");
        configuration.Build(this);
        return ReceiveEndpoints.Start(queueName);
    }

    protected override void Probe(ProbeContext context)
    {
        context.Add("type", "Pipeline.Transport.Sqs");
        context.Add("region", hostConfiguration.Settings.Region);
        context.Add("scope", hostConfiguration.Settings.Scope ?? "");
    }
}
