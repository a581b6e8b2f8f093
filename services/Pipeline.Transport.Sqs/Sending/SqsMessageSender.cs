using System.Text;
using Amazon.SQS.Model;
using Pipeline.Transport.Sqs.Broker;
using SnsAttribute = Pipeline.Aws.Sns.MessageAttributeValue;

namespace Pipeline.Transport.Sqs.Sending;

/// <summary>Puts a body and its headers on a queue (SendMessageBatch, with a delay) or a topic (SNS Publish).</summary>
internal sealed class SqsMessageSender(SqsBroker broker, int maxDelaySeconds, TimeProvider time)
{
    public async Task SendAsync(SqsAddress to, string body, IEnumerable<KeyValuePair<string, object>> headers, TimeSpan? delay,
        CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, object>(headers, StringComparer.OrdinalIgnoreCase);
        var delaySeconds = SqsDelayHop.Plan(delay, maxDelaySeconds, time.GetUtcNow(), all);
        var attributes = SqsHeaders.ToAttributes(all);
        var bytes = Encoding.UTF8.GetByteCount(body) + SqsHeaders.Size(attributes);
        if (bytes > SqsLimits.MaxMessageBytes)
            throw new SqsMessageTooLargeException(to.EntityName, bytes);

        if (to.IsTopic)
        {
            if (delaySeconds > 0)
                throw new NotSupportedException(
                    $"SNS cannot delay a message (publishing to topic '{to.EntityName}' with a delay): send it to a queue instead.");
            await broker.Sns.PublishAsync(new Aws.Sns.PublishRequest
            {
                TopicArn = await broker.TopicArnAsync(to.EntityName, cancellationToken).ConfigureAwait(false),
                Message = body,
                MessageAttributes = attributes.ToDictionary(a => a.Key, a => new SnsAttribute { DataType = "String", StringValue = a.Value }),
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var queue = await broker.QueueAsync(to.EntityName, cancellationToken).ConfigureAwait(false);
        await broker.Batches(queue).SendAsync(new SendMessageBatchRequestEntry
        {
            MessageBody = body,
            DelaySeconds = delaySeconds,
            MessageAttributes = attributes.ToDictionary(a => a.Key, a => new MessageAttributeValue { DataType = "String", StringValue = a.Value }),
        }, bytes, cancellationToken).ConfigureAwait(false);
    }
}
