using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Configuration;

namespace Pipeline.Transport.Sqs.Sending;

/// <summary>Sending to one queue or topic: the message is serialized by MassTransit's pipe, then handed to <see cref="SqsMessageSender"/>.</summary>
internal sealed class SqsSendTransportContext(SqsHostConfiguration host, ReceiveEndpointContext context, SqsAddress destination)
    : BaseSendTransportContext(host, context.Serialization), SendTransportContext<PipeContext>
{
    public override string EntityName => destination.EntityName;
    public override string ActivitySystem => "aws_sqs";

    public override async Task<SendContext<T>> CreateSendContext<T>(T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
    {
        var sendContext = new MessageSendContext<T>(message, cancellationToken);
        await pipe.Send(sendContext).ConfigureAwait(false);
        return sendContext;
    }

    public Task<SendContext<T>> CreateSendContext<T>(PipeContext context, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class =>
        CreateSendContext(message, pipe, cancellationToken);

    public Task Send<T>(PipeContext transportContext, SendContext<T> sendContext)
        where T : class
    {
        var messageContext = sendContext as MessageSendContext<T>
            ?? throw new ArgumentException($"Expected the send context this transport created, got {sendContext.GetType().Name}.", nameof(sendContext));
        var headers = sendContext.Headers.GetAll().ToList();
        headers.Add(new(SqsHeaders.ContentType, sendContext.ContentType?.ToString() ?? context.Serialization.DefaultContentType.ToString()));
        if (sendContext.MessageId is { } messageId)
            headers.Add(new(MessageHeaders.MessageId, messageId.ToString()));
        return host.Sender.SendAsync(destination, messageContext.Body.GetString(), headers, sendContext.Delay, sendContext.CancellationToken);
    }

    public Task Send(IPipe<PipeContext> pipe, CancellationToken cancellationToken = default) => pipe.Send(new SqsPipeContext(cancellationToken));

    public override IEnumerable<IAgent> GetAgentHandles() => [];

    public void Probe(ProbeContext context) => context.Add("entityName", destination.EntityName);

    private sealed class SqsPipeContext(CancellationToken cancellationToken) : BasePipeContext(cancellationToken);
}
