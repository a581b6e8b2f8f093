using System.Collections.Concurrent;
using Amazon.SQS;
using Amazon.SQS.Model;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Aws.Sns;

namespace Pipeline.Transport.Sqs.Broker;

/// <summary>
/// The queues and topics of one bus: created on first use (both calls are idempotent), then looked up from a cache.
/// SQS through AWSSDK.SQS; SNS through Pipeline.Aws's client.
/// </summary>
internal sealed class SqsBroker : IAsyncDisposable
{
    private readonly AwsClients _aws;
    private readonly ConcurrentDictionary<string, Lazy<Task<SqsQueue>>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<SqsQueueBatches>> _batches = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public SqsBroker(SqsHostSettings settings)
    {
        var credentials = settings.Credentials is null ? AwsCredentialsSource.StandardChain() : new AwsCredentialsSource(settings.Credentials);
        _aws = new AwsClients(new AwsClientOptions { Region = settings.Region, SnsServiceUrl = settings.SnsServiceUrl }, credentials);
        var config = new AmazonSQSConfig { AuthenticationRegion = settings.Region };
        if (string.IsNullOrEmpty(settings.SqsServiceUrl))
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        else
            config.ServiceURL = settings.SqsServiceUrl;
        Sqs = settings.Credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(settings.Credentials, config);
    }

    public IAmazonSQS Sqs { get; }

    public SnsClient Sns => _aws.Sns;

    public Task<SqsQueue> QueueAsync(string name, CancellationToken cancellationToken) =>
        Cached(_queues, name, () => CreateQueueAsync(SqsEntityNames.Checked(name, "queue"), cancellationToken));

    /// <summary>The batched sends and deletes of <paramref name="queue"/>, one set per queue for the whole bus.</summary>
    public SqsQueueBatches Batches(SqsQueue queue)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // The factory takes its state as an argument: no closure allocated on each send and receive.
        return _batches.GetOrAdd(queue.Url, static (_, state) => new Lazy<SqsQueueBatches>(() => new SqsQueueBatches(state.Sqs, state.Queue)),
            (Sqs, Queue: queue)).Value;
    }

    public Task<string> TopicArnAsync(string name, CancellationToken cancellationToken) =>
        Cached(_topics, name, async () => (await Sns.CreateTopicAsync(new CreateTopicRequest { Name = SqsEntityNames.Checked(name, "topic") },
            cancellationToken).ConfigureAwait(false)).TopicArn!);

    /// <summary>
    /// Subscribes the queue to each topic with raw delivery (the queue receives the message and its attributes as
    /// sent) and sets the queue's policy to let exactly those topics send to it.
    /// </summary>
    /// <returns>The subscriptions' ARNs.</returns>
    public async Task<IReadOnlyList<string>> SubscribeAsync(SqsQueue queue, IReadOnlyCollection<string> topicNames, CancellationToken cancellationToken)
    {
        if (topicNames.Count == 0)
            return [];
        var topicArns = new List<string>();
        foreach (var topic in topicNames)
            topicArns.Add(await TopicArnAsync(topic, cancellationToken).ConfigureAwait(false));
        await Sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
        {
            QueueUrl = queue.Url,
            Attributes = new() { [QueueAttributeName.Policy] = SqsQueuePolicy.AllowTopics(queue.Arn, topicArns) },
        }, cancellationToken).ConfigureAwait(false);
        var subscriptions = new List<string>();
        foreach (var topicArn in topicArns)
        {
            var subscribed = await Sns.SubscribeAsync(new SubscribeRequest
            {
                TopicArn = topicArn,
                Protocol = "sqs",
                Endpoint = queue.Arn,
                Attributes = new() { ["RawMessageDelivery"] = "true" },
            }, cancellationToken).ConfigureAwait(false);
            if (subscribed.SubscriptionArn is { } arn)
                subscriptions.Add(arn);
        }

        return subscriptions;
    }

    /// <summary>The receive endpoint owns its queue's visibility timeout, so the queue shows the timeout its receiver uses (consoles, other readers).</summary>
    public Task SetVisibilityTimeoutAsync(SqsQueue queue, int seconds, CancellationToken cancellationToken) =>
        Sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
        {
            QueueUrl = queue.Url,
            Attributes = new() { [QueueAttributeName.VisibilityTimeout] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, cancellationToken);

    private async Task<SqsQueue> CreateQueueAsync(string name, CancellationToken cancellationToken)
    {
        var url = (await Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeName.QueueArn] },
            cancellationToken).ConfigureAwait(false);
        return new SqsQueue(name, url, attributes.QueueARN);
    }

    /// <summary>A failed creation is not cached: the next use tries again.</summary>
    private static async Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string name, Func<Task<T>> create)
    {
        var entry = cache.GetOrAdd(name, _ => new Lazy<Task<T>>(create));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(KeyValuePair.Create(name, entry));
            throw;
        }
    }

    /// <summary>Sends and deletes what is batched, then closes the clients.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var batches in _batches.Values.Where(b => b.IsValueCreated))
            await batches.Value.DisposeAsync().ConfigureAwait(false);
        Sqs.Dispose();
        _aws.Dispose();
    }
}
