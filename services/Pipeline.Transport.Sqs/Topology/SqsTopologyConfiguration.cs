using MassTransit;
using MassTransit.Configuration;
using MassTransit.Topology;

namespace Pipeline.Transport.Sqs.Topology;

/// <summary>The bus's message, send, publish and consume topologies; an endpoint shares all but consume with the bus.</summary>
internal sealed class SqsTopologyConfiguration : ITopologyConfiguration
{
    private readonly SqsConsumeTopology _consume = new();

    public SqsTopologyConfiguration(IMessageTopologyConfigurator message, SqsEntityNames names)
    {
        Message = message;
        var send = new SendTopology();
        send.ConnectSendTopologyConfigurationObserver(new DelegateSendTopologyConfigurationObserver(GlobalTopology.Send));
        Send = send;
        var publish = new SqsPublishTopology(message, names);
        publish.ConnectPublishTopologyConfigurationObserver(new DelegatePublishTopologyConfigurationObserver(GlobalTopology.Publish));
        publish.ConnectPublishTopologyConfigurationObserver(new PublishToSendTopologyConfigurationObserver(send));
        Publish = publish;
    }

    public SqsTopologyConfiguration(ITopologyConfiguration parent)
    {
        Message = parent.Message;
        Send = parent.Send;
        Publish = parent.Publish;
    }

    /// <summary>Topic names from <see cref="SqsMessageNameFormatter"/> unless a type says otherwise ([EntityName]).</summary>
    public static IMessageTopologyConfigurator CreateMessageTopology() =>
        new MessageTopology(new MessageNameFormatterEntityNameFormatter(new SqsMessageNameFormatter()));

    public IMessageTopologyConfigurator Message { get; }
    public ISendTopologyConfigurator Send { get; }
    public IPublishTopologyConfigurator Publish { get; }
    public IConsumeTopologyConfigurator Consume => _consume;

    public IEnumerable<ValidationResult> Validate() => Send.Validate().Concat(Publish.Validate()).Concat(_consume.Validate());
}
