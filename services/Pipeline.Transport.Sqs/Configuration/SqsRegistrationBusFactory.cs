using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;

namespace Pipeline.Transport.Sqs.Configuration;

internal sealed class SqsRegistrationBusFactory : TransportRegistrationBusFactory<ISqsReceiveEndpointConfigurator>
{
    private readonly SqsBusConfiguration _busConfiguration;
    private readonly Action<IBusRegistrationContext, ISqsBusFactoryConfigurator>? _configure;

    public SqsRegistrationBusFactory(Action<IBusRegistrationContext, ISqsBusFactoryConfigurator>? configure)
        : this(new SqsBusConfiguration(), configure)
    {
    }

    private SqsRegistrationBusFactory(SqsBusConfiguration busConfiguration, Action<IBusRegistrationContext, ISqsBusFactoryConfigurator>? configure)
        : base(busConfiguration.HostConfiguration)
    {
        _busConfiguration = busConfiguration;
        _configure = configure;
    }

    public override IBusInstance CreateBus(IBusRegistrationContext context, IEnumerable<IBusInstanceSpecification> specifications, string busName) =>
        CreateBus(new SqsBusFactoryConfigurator(_busConfiguration), context, _configure ?? ((_, _) => { }), specifications);
}
