using Amazon.CDK;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace Pipeline.Deploy;

/// <summary>
/// The queues and topics the SQS transport would declare, made here so that they have a dead-letter queue and a
/// retention, and go with the stack: per service <c>{scope}_{queue}</c>, <c>_error</c> and <c>_skipped</c>; a topic per
/// message type consumed, published or faulted; each service queue subscribed to its consumed types' topics with raw
/// delivery (what the transport asks for, so its own idempotent Subscribe at start finds the same subscription).
/// </summary>
internal sealed class Messaging : Construct
{
    /// <summary>
    /// A message is received again only after its consumer's process died (a running consumer renews its visibility and
    /// the transport moves a message that failed to <c>_error</c> itself); scale-in also hands waiting messages back. Ten
    /// such receives mean a message that kills its consumer: SQS moves it to <c>_error</c>.
    /// </summary>
    public const int MaxReceiveCount = 10;

    private readonly Dictionary<string, Topic> _topics = [];
    private readonly Dictionary<string, ServiceQueue> _queues = [];

    public Messaging(Construct scope, string id, string prefix, IReadOnlyList<PipelineService> services)
        : base(scope, id)
    {
        Prefix = prefix;
        var names = services.SelectMany(s => s.Consumes.Concat(s.ConsumesPerProcess).Concat(s.Emits)).Select(t => t.Name).Distinct(StringComparer.Ordinal);
        foreach (var name in names.Order(StringComparer.Ordinal))
            _topics[name] = new Topic(this, name, new TopicProps { TopicName = Scoped(name) });

        foreach (var service in services)
        {
            var queues = new ServiceQueue(this, service.Queue, Scoped(service.Queue));
            _queues[service.Queue] = queues;
            foreach (var consumed in service.Consumes)
                _topics[consumed.Name].AddSubscription(new SqsSubscription(queues.Queue, new SqsSubscriptionProps { RawMessageDelivery = true }));
        }
    }

    public string Prefix { get; }

    public string Scoped(string name) => $"{Prefix}_{name}";

    public ITopic TopicOf(MessageTopic topic) => _topics[topic.Name];

    public ServiceQueue QueuesOf(string queue) => _queues[queue];
}

/// <summary>A service's queue with the two the transport keeps beside it.</summary>
internal sealed class ServiceQueue : Construct
{
    /// <summary>SQS's longest: what failed or nobody consumed stays for two weeks for someone to look at or move back.</summary>
    private static readonly Duration DeadLetterRetention = Duration.Days(14);

    public ServiceQueue(Construct scope, string id, string name)
        : base(scope, id)
    {
        Error = new Queue(this, "Error", new QueueProps { QueueName = name + "_error", RetentionPeriod = DeadLetterRetention });
        Skipped = new Queue(this, "Skipped", new QueueProps { QueueName = name + "_skipped", RetentionPeriod = DeadLetterRetention });
        Queue = new Queue(this, "Queue", new QueueProps
        {
            QueueName = name,
            // What the transport sets at start (Messaging:SqsTransport:VisibilityTimeoutSeconds' default).
            VisibilityTimeout = Duration.Seconds(30),
            DeadLetterQueue = new DeadLetterQueue { Queue = Error, MaxReceiveCount = Messaging.MaxReceiveCount },
        });
    }

    public Queue Queue { get; }

    public Queue Error { get; }

    public Queue Skipped { get; }

}
