using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Broker;

namespace Pipeline.Transport.Sqs.Receiving;

/// <summary>
/// Holds a received message while its consumer runs: its visibility timeout is renewed at 70% of each period so no
/// other receiver gets it meanwhile; it is deleted only once handled (consumed, or moved to _error/_skipped), and
/// made visible again after a transport failure.
/// </summary>
internal sealed class SqsReceiveLock : ReceiveLockContext
{
    private readonly IAmazonSQS _sqs;
    private readonly SqsQueueBatches _batches;
    private readonly SqsQueue _queue;
    private readonly Message _message;
    private readonly int _visibilityTimeoutSeconds;
    private readonly Action _consumerDone;
    private readonly CancellationTokenSource _holding;
    private readonly Task _renewing;
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
        _visibilityTimeoutSeconds = visibilityTimeoutSeconds;
        _consumerDone = consumerDone;
        _holding = CancellationTokenSource.CreateLinkedTokenSource(receiverStopped);
        _renewing = Task.Run(RenewAsync, CancellationToken.None);
    }

    public async Task Complete()
    {
        _consumerDone();
        await StopRenewingAsync().ConfigureAwait(false);
        await _batches.DeleteAsync(_message.ReceiptHandle, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The message becomes visible again at once, to be received anew (MassTransit never throws from here).</summary>
    public async Task Faulted(Exception exception)
    {
        _consumerDone();
        try
        {
            await StopRenewingAsync().ConfigureAwait(false);
            await _sqs.ChangeMessageVisibilityAsync(_queue.Url, _message.ReceiptHandle, 0).ConfigureAwait(false);
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

    private async Task StopRenewingAsync()
    {
        await _holding.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        _holding.Dispose();
    }

    private async Task RenewAsync()
    {
        var period = TimeSpan.FromSeconds(_visibilityTimeoutSeconds * 0.7);
        while (!_holding.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, _holding.Token).ConfigureAwait(false);
                await _sqs.ChangeMessageVisibilityAsync(_queue.Url, _message.ReceiptHandle, _visibilityTimeoutSeconds, _holding.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is ReceiptHandleIsInvalidException or MessageNotInflightException)
            {
                _lost = true;
                LogContext.Warning?.Log(exception, "Message {MessageId} on {Queue} is no longer held", _message.MessageId, _queue.Name);
                return;
            }
            catch (Exception exception)
            {
                // A failed renewal is tried again at the next period; the message stays hidden until its current timeout ends.
                LogContext.Warning?.Log(exception, "Could not renew the visibility of message {MessageId} on {Queue}", _message.MessageId, _queue.Name);
            }
        }
    }
}
