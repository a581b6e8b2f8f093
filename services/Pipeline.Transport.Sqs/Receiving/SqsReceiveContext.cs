using Amazon.SQS.Model;
using MassTransit;
using MassTransit.Transports;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>One received SQS message as MassTransit reads it: the body, and the headers unpacked from its attributes.</summary>
internal sealed class SqsReceiveContext : BaseReceiveContext
{
    public SqsReceiveContext(Message message, Dictionary<string, object> headers, bool redelivered, SqsReceiveEndpointContext context)
        : base(redelivered, context, message)
    {
        Message = message;
        HeaderProvider = new DictionaryHeaderProvider(headers);
        Body = new StringMessageBody(message.Body ?? "");
    }

    public Message Message { get; }

    protected override IHeaderProvider HeaderProvider { get; }

    public override MessageBody Body { get; }
}
