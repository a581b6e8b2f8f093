using MassTransit;
using MassTransit.Transports;
using Pipeline.Aws.Sns;
using Pipeline.Transport.Sqs.Broker;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>An endpoint's queue and the subscriptions that feed it, as declared at start.</summary>
internal sealed record DeclaredEndpoint(SqsQueue Queue, IReadOnlyList<string> Subscriptions);

/// <summary>
/// What an endpoint declares at start (its queue, _error and _skipped, its topic subscriptions) and, for a temporary
/// endpoint (the bus's own, or one whose definition says Temporary, such as a per-process queue), removes at stop.
/// </summary>
internal static class SqsEndpointQueues
{
    /// <summary>Also sets where the endpoint moves faulted and skipped messages.</summary>
    public static async Task<DeclaredEndpoint> DeclareAsync(SqsReceiveEndpointContext context, CancellationToken cancellationToken)
    {
        var broker = context.Host.Broker;
        var queue = await broker.QueueAsync(context.QueueName, cancellationToken).ConfigureAwait(false);
        await broker.SetVisibilityTimeoutAsync(queue, context.VisibilityTimeoutSeconds, cancellationToken).ConfigureAwait(false);
        if (!context.IsTemporary)
        {
            await broker.QueueAsync(SqsEntityNames.Error(context.QueueName), cancellationToken).ConfigureAwait(false);
            await broker.QueueAsync(SqsEntityNames.Skipped(context.QueueName), cancellationToken).ConfigureAwait(false);
        }

        var subscriptions = await broker.SubscribeAsync(queue, context.Topics, cancellationToken).ConfigureAwait(false);

        var moves = new SqsMoveTransport(context.Host.Sender, context.QueueName);
        context.AddOrUpdatePayload<IErrorTransport>(() => moves, _ => moves);
        context.AddOrUpdatePayload<IDeadLetterTransport>(() => moves, _ => moves);
        return new DeclaredEndpoint(queue, subscriptions);
    }

    /// <summary>
    /// A temporary endpoint's subscriptions and queue, at stop (a subscription left behind would keep copying every
    /// message of its topic to a queue that is gone). Best effort: what a crash leaves is only a cost, so a failure is
    /// logged, not raised.
    /// </summary>
    public static async Task DeleteTemporaryAsync(SqsReceiveEndpointContext context, DeclaredEndpoint declared)
    {
        if (!context.IsTemporary)
            return;
        // Each on its own: one that fails must not leave the others behind.
        foreach (var subscription in declared.Subscriptions)
        {
            try
            {
                await context.Host.Broker.Sns.UnsubscribeAsync(new UnsubscribeRequest { SubscriptionArn = subscription }).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogContext.Warning?.Log(exception, "Could not remove subscription {Subscription} of the temporary queue {Queue}", subscription, declared.Queue.Name);
            }
        }

        try
        {
            await context.Host.Broker.Sqs.DeleteQueueAsync(declared.Queue.Url).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogContext.Warning?.Log(exception, "Could not delete the temporary queue {Queue}", declared.Queue.Name);
        }
    }
}
