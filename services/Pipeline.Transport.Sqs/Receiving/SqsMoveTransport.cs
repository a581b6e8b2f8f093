using MassTransit;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>
/// Moves a message that cannot be consumed to <c>&lt;queue&gt;_error</c> (with the fault's headers: MT-Fault-Message,
/// MT-Fault-ExceptionType, ...) or <c>&lt;queue&gt;_skipped</c> (no consumer for it, with MT-Reason); same body, same headers otherwise.
/// </summary>
internal sealed class SqsMoveTransport(SqsMessageSender sender, string queueName) : IErrorTransport, IDeadLetterTransport
{
    public Task Send(ExceptionReceiveContext context) =>
        Move(context, SqsEntityNames.Error(queueName), context.ExceptionHeaders.GetAll());

    public Task Send(ReceiveContext context, string reason) =>
        Move(context, SqsEntityNames.Skipped(queueName), [new(MessageHeaders.Reason, reason)]);

    private Task Move(ReceiveContext context, string queue, IEnumerable<KeyValuePair<string, object>> added)
    {
        var headers = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.TransportHeaders.GetAll())
            headers[name] = value;
        headers.Remove(SqsHeaders.Packed);
        foreach (var (name, value) in added)
            headers[name] = value;
        return sender.SendAsync(new SqsAddress(queue, IsTopic: false), context.Body.GetString(), headers, delay: null, CancellationToken.None);
    }
}
