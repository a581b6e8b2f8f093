using MassTransit;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Configuration;
using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>A receive endpoint at run time: its queue, the topics it is subscribed to, and how it sends and publishes.</summary>
internal sealed class SqsReceiveEndpointContext(
    SqsHostConfiguration hostConfiguration,
    SqsReceiveEndpointConfiguration configuration,
    IReadOnlyCollection<string> topics)
    : BaseReceiveEndpointContext(hostConfiguration, configuration)
{
    public SqsHostConfiguration Host { get; } = hostConfiguration;
    public string QueueName { get; } = configuration.QueueName;
    public IReadOnlyCollection<string> Topics { get; } = topics;
    public bool IsTemporary { get; } = configuration.IsTemporary;
    public int WaitTimeSeconds { get; } = configuration.WaitTimeSeconds;
    public int VisibilityTimeoutSeconds { get; } = configuration.VisibilityTimeoutSeconds;

    /// <summary>Messages handled at once: the concurrent message limit, else the prefetch count.</summary>
    public int Concurrency => Math.Max(1, ConcurrentMessageLimit ?? PrefetchCount);

    /// <summary>Messages received and not yet deleted: the prefetch count, never fewer than <see cref="Concurrency"/>.</summary>
    public int Prefetch => Math.Max(Concurrency, PrefetchCount);

    public override void AddSendAgent(IAgent agent) => throw new NotSupportedException("The SQS transport has no send agents.");

    public override void AddConsumeAgent(IAgent agent) => throw new NotSupportedException("The SQS transport has no consume agents.");

    public override Exception ConvertException(Exception exception, string message) => exception;

    protected override ISendTransportProvider CreateSendTransportProvider() => new SqsSendTransportProvider(Host, this);

    protected override IPublishTransportProvider CreatePublishTransportProvider() => new SqsPublishTransportProvider(Host, this);
}
