using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Topology;

namespace Pipeline.Transport.Sqs.Topology;

/// <summary>Publishing a message type goes to its own SNS topic, named by the message topology under the host's scope.</summary>
internal sealed class SqsPublishTopology(IMessageTopology messageTopology, SqsEntityNames names) : PublishTopology
{
    protected override IMessagePublishTopologyConfigurator CreateMessageTopology<T>()
    {
        var topology = new SqsMessagePublishTopology<T>(this, messageTopology.GetMessageTopology<T>(), names);
        OnMessageTopologyCreated(topology);
        return topology;
    }
}

internal sealed class SqsMessagePublishTopology<T>(IPublishTopology publishTopology, IMessageTopology<T> messageTopology, SqsEntityNames names)
    : MessagePublishTopology<T>(publishTopology)
    where T : class
{
    public string TopicName => names.Scoped(messageTopology.EntityName);

    public override bool TryGetPublishAddress(Uri baseAddress, [NotNullWhen(true)] out Uri? publishAddress)
    {
        publishAddress = new SqsAddress(TopicName, IsTopic: true).ToUri(baseAddress);
        return true;
    }
}
