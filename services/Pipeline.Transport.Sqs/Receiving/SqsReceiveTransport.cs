using MassTransit;
using MassTransit.Transports;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>An endpoint's transport: starting it declares the queues and subscriptions, then receives until stopped.</summary>
internal sealed class SqsReceiveTransport(SqsReceiveEndpointContext context) : IReceiveTransport
{
    public ReceiveTransportHandle Start() => new SqsQueueReceiver(context);

    public void Probe(ProbeContext probe)
    {
        var scope = probe.CreateScope("receiveTransport");
        scope.Add("type", "Pipeline.Transport.Sqs");
        scope.Set(new { context.InputAddress, context.QueueName, context.Concurrency, context.WaitTimeSeconds, context.VisibilityTimeoutSeconds });
    }

    public ConnectHandle ConnectReceiveObserver(IReceiveObserver observer) => context.ConnectReceiveObserver(observer);

    public ConnectHandle ConnectReceiveTransportObserver(IReceiveTransportObserver observer) => context.ConnectReceiveTransportObserver(observer);

    public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => context.ConnectPublishObserver(observer);

    public ConnectHandle ConnectSendObserver(ISendObserver observer) => context.ConnectSendObserver(observer);
}
