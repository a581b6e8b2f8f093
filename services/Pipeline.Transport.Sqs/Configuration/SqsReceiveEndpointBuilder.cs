using MassTransit;
using MassTransit.Configuration;
using Pipeline.Transport.Sqs.Receiving;

namespace Pipeline.Transport.Sqs.Configuration;

/// <summary>Builds an endpoint's pipes and notes the topic of each message type it consumes, to subscribe its queue to.</summary>
internal sealed class SqsReceiveEndpointBuilder(SqsHostConfiguration hostConfiguration, SqsReceiveEndpointConfiguration configuration)
    : ReceiveEndpointBuilder(configuration)
{
    private readonly SortedSet<string> _topics = new(StringComparer.Ordinal);

    public override ConnectHandle ConnectConsumePipe<T>(IPipe<ConsumeContext<T>> pipe, ConnectPipeOptions options)
    {
        if (configuration.ConfigureConsumeTopology && options.HasFlag(ConnectPipeOptions.ConfigureConsumeTopology))
            _topics.Add(hostConfiguration.Names.Scoped(configuration.Topology.Message.GetMessageTopology<T>().EntityName));
        return base.ConnectConsumePipe(pipe, options);
    }

    public SqsReceiveEndpointContext CreateReceiveEndpointContext()
    {
        var context = new SqsReceiveEndpointContext(hostConfiguration, configuration, [.. _topics]);
        // The delayed message scheduler (a saga's Schedule, say) reads the bus topology from the consume context.
        context.GetOrAddPayload(() => hostConfiguration.Topology);
        return context;
    }
}
