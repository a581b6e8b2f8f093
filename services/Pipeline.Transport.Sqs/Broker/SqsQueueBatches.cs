using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Pipeline.Transport.Sqs.Broker;

/// <summary>
/// One queue's sends and deletes, each grouped into SendMessageBatch and DeleteMessageBatch calls (as MassTransit's
/// own SQS transport does): under load a message costs a tenth of a request on each side.
/// </summary>
internal sealed class SqsQueueBatches : IAsyncDisposable
{
    private const int MaxBatchesInFlight = 4;

    private readonly IAmazonSQS _sqs;
    private readonly SqsQueue _queue;
    private readonly SqsBatcher<QueuedSend> _sends;
    private readonly SqsBatcher<string> _deletes;

    public SqsQueueBatches(IAmazonSQS sqs, SqsQueue queue)
    {
        _sqs = sqs;
        _queue = queue;
        _sends = new SqsBatcher<QueuedSend>(SendBatchAsync, send => send.Bytes, SqsLimits.MaxMessageBytes, MaxBatchesInFlight);
        _deletes = new SqsBatcher<string>(DeleteBatchAsync, _ => 0, int.MaxValue, MaxBatchesInFlight);
    }

    public Task SendAsync(SendMessageBatchRequestEntry message, int bytes, CancellationToken cancellationToken) =>
        _sends.SubmitAsync(new QueuedSend(message, bytes), cancellationToken);

    public Task DeleteAsync(string receiptHandle, CancellationToken cancellationToken) =>
        _deletes.SubmitAsync(receiptHandle, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _sends.DisposeAsync().ConfigureAwait(false);
        await _deletes.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Exception?>> SendBatchAsync(IReadOnlyList<QueuedSend> sends)
    {
        var entries = sends.Select((send, i) =>
        {
            send.Message.Id = Id(i);
            return send.Message;
        }).ToList();
        var response = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = _queue.Url, Entries = entries })
            .ConfigureAwait(false);
        return Errors(sends.Count, response.Failed, response.Successful?.Select(s => s.Id));
    }

    private async Task<IReadOnlyList<Exception?>> DeleteBatchAsync(IReadOnlyList<string> receiptHandles)
    {
        var entries = receiptHandles.Select((handle, i) => new DeleteMessageBatchRequestEntry(Id(i), handle)).ToList();
        var response = await _sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest { QueueUrl = _queue.Url, Entries = entries })
            .ConfigureAwait(false);
        return Errors(receiptHandles.Count, response.Failed, response.Successful?.Select(s => s.Id));
    }

    private static string Id(int index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>An entry SQS reports neither failed nor successful is treated as failed: the caller must not assume it went.</summary>
    private Exception?[] Errors(int count, List<BatchResultErrorEntry>? failed, IEnumerable<string>? succeeded)
    {
        var errors = new Exception?[count];
        var answered = new bool[count];
        foreach (var id in succeeded ?? [])
            answered[int.Parse(id, CultureInfo.InvariantCulture)] = true;
        foreach (var failure in failed ?? [])
        {
            var index = int.Parse(failure.Id, CultureInfo.InvariantCulture);
            answered[index] = true;
            errors[index] = new AmazonSQSException($"{failure.Code}: {failure.Message} (queue '{_queue.Name}')") { ErrorCode = failure.Code };
        }

        for (var i = 0; i < count; i++)
        {
            if (!answered[i])
                errors[i] = new AmazonSQSException($"SQS did not answer for this entry of a batch on queue '{_queue.Name}'.");
        }

        return errors;
    }

    private sealed record QueuedSend(SendMessageBatchRequestEntry Message, int Bytes);
}
