using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Broker;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>
/// Holds a received message while its consumer runs: its visibility timeout is renewed at 70% of each period so no
/// other receiver gets it meanwhile; it is deleted only once handled (consumed, or moved to _error/_skipped), and
/// made visible again after a transport failure. If a renewal comes too late and the message is received again while
/// held, the lock adopts the newer receipt handle (SQS deletes a message reliably only by its latest one).
/// </summary>
internal sealed class SqsReceiveLock : ReceiveLockContext
{
    private readonly IAmazonSQS _sqs;
    private readonly SqsQueueBatches _batches;
    private readonly SqsQueue _queue;
    private readonly Message _message;
    private readonly object _gate = new();
    private readonly int _visibilityTimeoutSeconds;
    private readonly Action _consumerDone;
    private readonly CancellationTokenSource _holding;
    private readonly Task _renewing;
    private volatile string _receiptHandle;
    private bool _finished;
    private volatile bool _lost;

    /// <param name="consumerDone">Called when the message is handled, before it is deleted or returned: frees the consumer's slot.</param>
    /// <param name="receiverStopped">Ends the renewal of a lock MassTransit never completes (a copy of a message still being consumed, kept in reserve).</param>
    public SqsReceiveLock(SqsBroker broker, SqsQueue queue, Message message, int visibilityTimeoutSeconds, Action consumerDone,
        CancellationToken receiverStopped)
    {
        _sqs = broker.Sqs;
        _batches = broker.Batches(queue);
        _queue = queue;
        _message = message;
        _receiptHandle = message.ReceiptHandle;
        _visibilityTimeoutSeconds = visibilityTimeoutSeconds;
        _consumerDone = consumerDone;
        _holding = CancellationTokenSource.CreateLinkedTokenSource(receiverStopped);
        _renewing = Task.Run(RenewAsync, CancellationToken.None);
    }

    /// <summary>
    /// A copy of this message was received while it is held: keep its receipt handle from now on and drop the copy.
    /// False once the message is handled (the copy is then a message of its own to the caller).
    /// </summary>
    public bool TryAdopt(string receiptHandle)
    {
        lock (_gate)
        {
            if (_finished)
                return false;
            _receiptHandle = receiptHandle;
            _lost = false;
            return true;
        }
    }

    public async Task Complete()
    {
        Finish();
        _consumerDone();
        await StopRenewingAsync().ConfigureAwait(false);
        await _batches.DeleteAsync(_receiptHandle, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The message becomes visible again at once, to be received anew (MassTransit never throws from here).</summary>
    public async Task Faulted(Exception exception)
    {
        Finish();
        _consumerDone();
        try
        {
            await StopRenewingAsync().ConfigureAwait(false);
            await _sqs.ChangeMessageVisibilityAsync(_queue.Url, _receiptHandle, 0).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            LogContext.Warning?.Log(failure, "Could not return message {MessageId} to {Queue} after: {Reason}", _message.MessageId, _queue.Name,
                exception.Message);
        }
    }

    public Task ValidateLockStatus() => _lost
        ? throw new TransportException(new Uri(_queue.Url), $"The message {_message.MessageId} is no longer held (its receipt handle expired).")
        : Task.CompletedTask;

    private void Finish()
    {
        lock (_gate)
            _finished = true;
    }

    /// <summary>
    /// 70% of the timeout, but at least a second before it ends where the timeout allows (half of it for a 1 s one): a
    /// short timeout's 30% is too thin a margin for one round trip on a loaded machine.
    /// </summary>
    internal static TimeSpan RenewalPeriod(int visibilityTimeoutSeconds) =>
        TimeSpan.FromSeconds(Math.Min(visibilityTimeoutSeconds * 0.7, Math.Max(visibilityTimeoutSeconds - 1, visibilityTimeoutSeconds / 2.0)));

    private async Task StopRenewingAsync()
    {
        await _holding.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        _holding.Dispose();
    }

    private async Task RenewAsync()
    {
        var period = RenewalPeriod(_visibilityTimeoutSeconds);
        while (true)
        {
            try
            {
                await Task.Delay(period, _holding.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var receiptHandle = _receiptHandle;
            try
            {
                await _sqs.ChangeMessageVisibilityAsync(_queue.Url, receiptHandle, _visibilityTimeoutSeconds, _holding.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is ReceiptHandleIsInvalidException or MessageNotInflightException)
            {
                // Renewing goes on: the copy the bus receives once the message shows again hands over its handle (TryAdopt).
                lock (_gate)
                {
                    if (_lost || !ReferenceEquals(receiptHandle, _receiptHandle))
                        continue; // said already, or a newer copy's handle was adopted meanwhile
                    _lost = true;
                }

                LogContext.Warning?.Log(exception, "Message {MessageId} on {Queue} is no longer held", _message.MessageId, _queue.Name);
            }
            catch (Exception exception)
            {
                // A failed renewal is tried again at the next period; the message stays hidden until its current timeout ends.
                LogContext.Warning?.Log(exception, "Could not renew the visibility of message {MessageId} on {Queue}", _message.MessageId, _queue.Name);
            }
        }
    }
}
