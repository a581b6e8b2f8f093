using MassTransit;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Broker;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>What an endpoint declares at start (its queue, _error and _skipped, its topic subscriptions) and removes at stop.</summary>
internal static class SqsEndpointQueues
{
    /// <summary>Also sets where the endpoint moves faulted and skipped messages.</summary>
    public static async Task<SqsQueue> DeclareAsync(SqsReceiveEndpointContext context, CancellationToken cancellationToken)
    {
        var broker = context.Host.Broker;
        var queue = await broker.QueueAsync(context.QueueName, cancellationToken).ConfigureAwait(false);
        await broker.SetVisibilityTimeoutAsync(queue, context.VisibilityTimeoutSeconds, cancellationToken).ConfigureAwait(false);
        if (!context.IsTemporary)
        {
            await broker.QueueAsync(SqsEntityNames.Error(context.QueueName), cancellationToken).ConfigureAwait(false);
            await broker.QueueAsync(SqsEntityNames.Skipped(context.QueueName), cancellationToken).ConfigureAwait(false);
        }

        await broker.SubscribeAsync(queue, context.Topics, cancellationToken).ConfigureAwait(false);

        var moves = new SqsMoveTransport(context.Host.Sender, context.QueueName);
        context.AddOrUpdatePayload<IErrorTransport>(() => moves, _ => moves);
        context.AddOrUpdatePayload<IDeadLetterTransport>(() => moves, _ => moves);
        return queue;
    }

    /// <summary>The bus's own queue, at stop. Best effort: a queue left behind by a crash is only a cost, so a failure is logged, not raised.</summary>
    public static async Task DeleteTemporaryAsync(SqsReceiveEndpointContext context, SqsQueue queue)
    {
        if (!context.IsTemporary)
            return;
        try
        {
            await context.Host.Broker.Sqs.DeleteQueueAsync(queue.Url).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogContext.Warning?.Log(exception, "Could not delete the bus's temporary queue {Queue}", queue.Name);
        }
    }
}
