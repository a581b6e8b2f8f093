using System.Threading.Channels;

namespace Pipeline.Transport.Sqs.Broker;

/// <summary>
/// Groups single SQS requests into batch calls of up to ten entries. An entry waits only while earlier batches hold
/// every in-flight slot, so a lone request goes at once and a busy queue sends full batches: no timer, no added delay.
/// </summary>
internal sealed class SqsBatcher<TEntry> : IAsyncDisposable
{
    /// <summary>Sends one batch; answers, per entry in order, null or why that entry failed.</summary>
    public delegate Task<IReadOnlyList<Exception?>> SendBatch(IReadOnlyList<TEntry> entries);

    private readonly SendBatch _send;
    private readonly Func<TEntry, int> _bytesOf;
    private readonly int _maxBatchBytes;
    private readonly int _maxInFlight;
    private readonly SemaphoreSlim _inFlight;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private Pending? _carried;

    public SqsBatcher(SendBatch send, Func<TEntry, int> bytesOf, int maxBatchBytes, int maxInFlight)
    {
        _send = send;
        _bytesOf = bytesOf;
        _maxBatchBytes = maxBatchBytes;
        _maxInFlight = maxInFlight;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when the batch holding <paramref name="entry"/> has been answered for it.</summary>
    public Task SubmitAsync(TEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, _bytesOf(entry), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        if (!_pending.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqsBatcher<TEntry>), "The SQS client was closed with the bus.");
        return cancellationToken.CanBeCanceled ? pending.Done.Task.WaitAsync(cancellationToken) : pending.Done.Task;
    }

    /// <summary>Sends what was submitted before, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        for (var i = 0; i < _maxInFlight; i++)
            await _inFlight.WaitAsync().ConfigureAwait(false);
        _inFlight.Dispose();
    }

    private async Task RunAsync()
    {
        while (_carried is not null || await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _inFlight.WaitAsync().ConfigureAwait(false);
            var batch = TakeBatch();
            if (batch.Count == 0)
                _inFlight.Release();
            else
                _ = SendAsync(batch);
        }
    }

    private List<Pending> TakeBatch()
    {
        var batch = new List<Pending>(SqsLimits.MaxBatchEntries);
        var bytes = 0;
        while (batch.Count < SqsLimits.MaxBatchEntries)
        {
            Pending? next = _carried;
            _carried = null;
            if (next is null && !_pending.Reader.TryRead(out next))
                break;
            if (next.Cancellation.IsCancellationRequested)
            {
                next.Done.TrySetCanceled(next.Cancellation);
                continue;
            }

            if (batch.Count > 0 && bytes + next.Bytes > _maxBatchBytes)
            {
                _carried = next;
                break;
            }

            batch.Add(next);
            bytes += next.Bytes;
        }

        return batch;
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            var errors = await _send(batch.ConvertAll(p => p.Entry)).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (errors[i] is { } error)
                    batch[i].Done.TrySetException(error);
                else
                    batch[i].Done.TrySetResult();
            }
        }
        catch (Exception error)
        {
            foreach (var pending in batch)
                pending.Done.TrySetException(error);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private sealed record Pending(TEntry Entry, int Bytes, TaskCompletionSource Done, CancellationToken Cancellation);
}
