using MassTransit;
using MassTransit.Configuration;
using MassTransit.Observables;
using Pipeline.Transport.Sqs.Topology;

namespace Pipeline.Transport.Sqs.Configuration;

/// <summary>The bus's endpoint configuration (topology, pipes), its host, and the endpoint of its own temporary queue.</summary>
internal sealed class SqsBusConfiguration : SqsEndpointConfiguration, IBusConfiguration
{
    private readonly BusObservable _busObservers = new();

    public SqsBusConfiguration()
        : this(new SqsHostSettings())
    {
    }

    private SqsBusConfiguration(SqsHostSettings settings)
        : this(settings, new SqsEntityNames(settings))
    {
    }

    private SqsBusConfiguration(SqsHostSettings settings, SqsEntityNames names)
        : base(new SqsTopologyConfiguration(SqsTopologyConfiguration.CreateMessageTopology(), names))
    {
        HostConfiguration = new SqsHostConfiguration(this, settings, names);
        BusEndpointConfiguration = CreateEndpointConfiguration(isBusEndpoint: true);
    }

    public SqsHostConfiguration HostConfiguration { get; }
    public IEndpointConfiguration BusEndpointConfiguration { get; }

    IHostConfiguration IBusConfiguration.HostConfiguration => HostConfiguration;
    IBusObserver IBusConfiguration.BusObservers => _busObservers;

    public ConnectHandle ConnectBusObserver(IBusObserver observer) => _busObservers.Connect(observer);

    public ConnectHandle ConnectEndpointConfigurationObserver(IEndpointConfigurationObserver observer) =>
        HostConfiguration.ConnectEndpointConfigurationObserver(observer);
}

/// <summary>An endpoint's configuration: the bus's message, send and publish topology, a consume topology of its own.</summary>
internal class SqsEndpointConfiguration : EndpointConfiguration
{
    protected SqsEndpointConfiguration(ITopologyConfiguration topology)
        : base(topology)
    {
    }

    private SqsEndpointConfiguration(IEndpointConfiguration parent, ITopologyConfiguration topology, bool isBusEndpoint)
        : base(parent, topology, isBusEndpoint)
    {
    }

    public IEndpointConfiguration CreateEndpointConfiguration(bool isBusEndpoint = false) =>
        new SqsEndpointConfiguration(this, new SqsTopologyConfiguration(Topology), isBusEndpoint);
}
