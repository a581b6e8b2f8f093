using System.Collections.Concurrent;
using Amazon.SQS.Model;
using MassTransit;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Broker;
using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>
/// Receives one queue: declares it, its _error and _skipped queues and its topic subscriptions, then long-polls for
/// up to the prefetch count of messages (at most 10 a call) and dispatches each to the endpoint's pipe, no more than the
/// concurrency limit at once, while <see cref="SqsReceiveLock"/> holds it from its receipt to its batched delete.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The slots' SemaphoreSlim never creates its wait handle, so there is nothing to dispose; handlers release slots until the very end.")]
internal sealed class SqsQueueReceiver : ConsumerAgent<string>, ReceiveTransportHandle
{
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDeclareWait = TimeSpan.FromSeconds(30);

    private readonly SqsReceiveEndpointContext _context;
    private readonly SemaphoreSlim _held;
    private readonly SemaphoreSlim _running;
    private readonly ConcurrentDictionary<string, SqsReceiveLock> _inFlight = new(StringComparer.Ordinal);
    private DeclaredEndpoint? _declared;

    public SqsQueueReceiver(SqsReceiveEndpointContext context)
        : base(context, StringComparer.Ordinal)
    {
        _context = context;
        _held = new SemaphoreSlim(context.Prefetch, context.Prefetch);
        _running = new SemaphoreSlim(context.Concurrency, context.Concurrency);
        TrySetConsumeTask(Task.Run(RunAsync));
    }

    Task ReceiveTransportHandle.Stop(CancellationToken cancellationToken) => this.Stop("Stop Receive Transport", cancellationToken);

    private async Task RunAsync()
    {
        try
        {
            await _context.DependenciesReady.WaitAsync(Stopping).ConfigureAwait(false);
            _declared = await DeclareUntilDeclaredAsync().ConfigureAwait(false);
            var queue = _declared.Queue;
            await _context.TransportObservers.NotifyReady(_context.InputAddress).ConfigureAwait(false);
            SetReady();
            // One long poll brings at most ten messages: enough pollers to fill the prefetch in one round trip.
            var pollers = (_context.Prefetch + SqsLimits.MaxReceiveBatch - 1) / SqsLimits.MaxReceiveBatch;
            await Task.WhenAll(Enumerable.Range(0, pollers).Select(_ => PollAsync(queue))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (IsStopping)
        {
        }
    }

    private async Task PollAsync(SqsQueue queue)
    {
        while (!IsStopping)
            await ReceiveAsync(queue).ConfigureAwait(false);
    }

    /// <summary>SQS or SNS out of reach at start: the endpoint reports the fault and tries again, up to every 30 s, until stopped.</summary>
    private async Task<DeclaredEndpoint> DeclareUntilDeclaredAsync()
    {
        var wait = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await SqsEndpointQueues.DeclareAsync(_context, Stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (!IsStopping)
            {
                LogContext.Warning?.Log(exception, "Declaring queue {Queue} failed; trying again in {Wait}", _context.QueueName, wait);
                await _context.TransportObservers.NotifyFaulted(_context.InputAddress, exception).ConfigureAwait(false);
                await Task.Delay(wait, Stopping).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxDeclareWait.Ticks));
            }
        }
    }

    private async Task ReceiveAsync(SqsQueue queue)
    {
        await _held.WaitAsync(Stopping).ConfigureAwait(false);
        var taken = 1;
        while (taken < SqsLimits.MaxReceiveBatch && _held.Wait(0))
            taken++;

        List<Message> messages;
        try
        {
            var response = await _context.Host.Broker.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queue.Url,
                MaxNumberOfMessages = taken,
                WaitTimeSeconds = _context.WaitTimeSeconds,
                VisibilityTimeout = _context.VisibilityTimeoutSeconds,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["ApproximateReceiveCount", "SentTimestamp"],
            }, Stopping).ConfigureAwait(false);
            messages = response.Messages ?? [];
        }
        catch (Exception exception) when (!IsStopping)
        {
            _held.Release(taken);
            LogContext.Warning?.Log(exception, "Receiving from {Queue} failed; trying again", queue.Name);
            await Task.Delay(FailureBackoff, Stopping).ConfigureAwait(false);
            return;
        }
        catch
        {
            _held.Release(taken);
            throw;
        }

        if (taken > messages.Count)
            _held.Release(taken - messages.Count);
        foreach (var message in messages)
            _ = Task.Run(() => HandleAsync(queue, message));
    }

    private async Task HandleAsync(SqsQueue queue, Message message)
    {
        try
        {
            var headers = SqsHeaders.FromAttributes(
                (message.MessageAttributes ?? []).Where(a => a.Value.StringValue is not null).Select(a => KeyValuePair.Create(a.Key, a.Value.StringValue)));
            if (SqsDelayHop.Remaining(headers, _context.Host.Time.GetUtcNow()) is { } remaining)
            {
                await HopAsync(queue, message, remaining).ConfigureAwait(false);
                return;
            }

            if (_inFlight.TryGetValue(message.MessageId, out var holder) && holder.TryAdopt(message.ReceiptHandle))
            {
                LogContext.Debug?.Log("Message {MessageId} on {Queue} was received again while held; its newer receipt is kept", message.MessageId,
                    queue.Name);
                return;
            }

            var redelivered = message.Attributes?.TryGetValue("ApproximateReceiveCount", out var count) == true && count != "1";
            // Not disposed here: MassTransit keeps the lock of a copy received while the first is consumed, to complete with it.
            var slot = new ConsumerSlot(_running);
            var receiveLock = new SqsReceiveLock(_context.Host.Broker, queue, message, _context.VisibilityTimeoutSeconds, slot.Release, Stopped);
            _inFlight[message.MessageId] = receiveLock;
            try
            {
                await ConsumeAsync(queue, message, headers, redelivered, slot, receiveLock).ConfigureAwait(false);
            }
            finally
            {
                _inFlight.TryRemove(KeyValuePair.Create(message.MessageId, receiveLock));
            }
        }
        catch (Exception exception)
        {
            LogContext.Error?.Log(exception, "Handling message {MessageId} from {Queue} failed", message.MessageId, queue.Name);
        }
        finally
        {
            _held.Release();
        }
    }

    private async Task ConsumeAsync(SqsQueue queue, Message message, Dictionary<string, object> headers, bool redelivered, ConsumerSlot slot,
        SqsReceiveLock receiveLock)
    {
        if (!await WaitToRunAsync(slot, receiveLock).ConfigureAwait(false))
            return;
        if (SqsTransportTelemetry.QueueWait.Enabled && message.Attributes?.TryGetValue("SentTimestamp", out var sent) == true
            && long.TryParse(sent, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sentMs))
            SqsTransportTelemetry.QueueWait.Record(
                Math.Max(0, (_context.Host.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(sentMs)).TotalSeconds),
                new KeyValuePair<string, object?>("pipeline.queue", queue.Name));
        var context = new SqsReceiveContext(message, headers, redelivered, _context);
        try
        {
            await Dispatch(message.MessageId, context, receiveLock).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            context.LogTransportFaulted(exception);
        }
        finally
        {
            context.Dispose();
            slot.Release();
        }
    }

    /// <summary>A prefetched message waits for a free slot, hidden meanwhile; if the endpoint stops first, it goes back at once.</summary>
    private async Task<bool> WaitToRunAsync(ConsumerSlot slot, SqsReceiveLock receiveLock)
    {
        try
        {
            await slot.WaitAsync(Stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            await receiveLock.Faulted(new OperationCanceledException("The receive endpoint stopped before the message was consumed.")).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Not due yet: the same body and attributes go back on the queue for the next hop, then this copy is deleted.</summary>
    private async Task HopAsync(SqsQueue queue, Message message, TimeSpan remaining)
    {
        var sqs = _context.Host.Broker.Sqs;
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queue.Url,
            MessageBody = message.Body,
            MessageAttributes = message.MessageAttributes,
            DelaySeconds = SqsDelayHop.NextHopSeconds(remaining, _context.Host.Settings.MaxDelaySeconds),
        }, Stopping).ConfigureAwait(false);
        await sqs.DeleteMessageAsync(queue.Url, message.ReceiptHandle, Stopping).ConfigureAwait(false);
    }

    protected override async Task ActiveAndActualAgentsCompleted(StopContext context)
    {
        await base.ActiveAndActualAgentsCompleted(context).ConfigureAwait(false);
        if (_declared is not null)
            await SqsEndpointQueues.DeleteTemporaryAsync(_context, _declared).ConfigureAwait(false);
        await _context.TransportObservers.NotifyCompleted(_context.InputAddress, this).ConfigureAwait(false);
    }

    /// <summary>
    /// A consumer's share of the concurrency limit, given back once: when the consumer is done (the lock completes or
    /// faults, before the delete's round trip), or at the latest when the dispatch ends.
    /// </summary>
    private sealed class ConsumerSlot(SemaphoreSlim running)
    {
        // Waiting (0) until the slot is taken.
        private const int Held = 1, Released = 2;
        private int _state;

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _state, Held);
        }

        public void Release()
        {
            if (Interlocked.CompareExchange(ref _state, Released, Held) == Held)
                running.Release();
        }
    }
}
