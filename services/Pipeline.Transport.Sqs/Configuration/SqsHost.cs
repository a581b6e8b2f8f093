using MassTransit;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Broker;

namespace Pipeline.Transport.Sqs.Configuration;

/// <summary>The running host: receive endpoints connected after start are configured and started here.</summary>
internal sealed class SqsHost(SqsHostConfiguration hostConfiguration, IBusTopology busTopology)
    : BaseHost(hostConfiguration, busTopology), IHost<ISqsReceiveEndpointConfigurator>
{
    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(definition, endpointNameFormatter, (Action<ISqsReceiveEndpointConfigurator>?)configureEndpoint);

    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(queueName, (Action<ISqsReceiveEndpointConfigurator>?)configureEndpoint);

    public HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<ISqsReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        var queueName = definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance);
        return ConnectReceiveEndpoint(queueName, configurator =>
        {
            hostConfiguration.ApplyDefinition(configurator, definition);
            configureEndpoint?.Invoke(configurator);
        });
    }

    public HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<ISqsReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        LogContext.SetCurrentIfNull(hostConfiguration.LogContext);
        var configuration = hostConfiguration.CreateReceiveEndpointConfiguration(queueName, configureEndpoint);
        configuration.Validate().ThrowIfContainsFailure("The receive endpoint configuration is invalid:");
        configuration.Build(this);
        return ReceiveEndpoints.Start(queueName);
    }

    protected override IAgent[] GetAgentHandles() => [new SqsBrokerAgent(hostConfiguration.Broker)];

    protected override void Probe(ProbeContext context)
    {
        context.Add("type", "Pipeline.Transport.Sqs");
        context.Add("region", hostConfiguration.Settings.Region);
        context.Add("scope", hostConfiguration.Settings.Scope ?? "");
    }
}
