using MassTransit;
using MassTransit.Configuration;

namespace Pipeline.Transport.Sqs.Configuration;

internal sealed class SqsBusFactoryConfigurator : BusFactoryConfigurator, ISqsBusFactoryConfigurator, IBusFactory
{
    private readonly SqsBusConfiguration _busConfiguration;
    private readonly SqsHostConfiguration _hostConfiguration;

    public SqsBusFactoryConfigurator(SqsBusConfiguration busConfiguration)
        : base(busConfiguration)
    {
        _busConfiguration = busConfiguration;
        _hostConfiguration = busConfiguration.HostConfiguration;
        busConfiguration.BusEndpointConfiguration.Consume.Configurator.AutoStart = true;
    }

    /// <summary>The bus's own temporary queue (responses, faults sent to the bus) is always started.</summary>
    public override bool AutoStart
    {
        set { }
    }

    public IReceiveEndpointConfiguration CreateBusEndpointConfiguration(Action<IReceiveEndpointConfigurator> configure) =>
        _hostConfiguration.CreateReceiveEndpointConfiguration(_busConfiguration.Topology.Consume.CreateTemporaryQueueName("bus"),
            _busConfiguration.BusEndpointConfiguration, endpoint =>
            {
                endpoint.IsTemporary = true;
                configure(endpoint);
            });

    public void Host(Action<SqsHostSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_hostConfiguration.Settings);
    }

    public void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<ISqsReceiveEndpointConfigurator>? configureEndpoint = null) =>
        _hostConfiguration.ReceiveEndpoint(definition, endpointNameFormatter, configureEndpoint);

    public void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        _hostConfiguration.ReceiveEndpoint(definition, endpointNameFormatter, configureEndpoint);

    public void ReceiveEndpoint(string queueName, Action<ISqsReceiveEndpointConfigurator> configureEndpoint) =>
        _hostConfiguration.ReceiveEndpoint(queueName, configureEndpoint);

    public void ReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator> configureEndpoint) =>
        _hostConfiguration.ReceiveEndpoint(queueName, configureEndpoint);
}
