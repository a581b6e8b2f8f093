namespace Pipeline.Aws.Sns;

// Shapes of botocore's sns service model (2010-03-31) for the operations this client speaks, with the members the
// project needs. Names are the wire names (and the official SDK's); enums are strings.

public sealed record CreateTopicRequest
{
    public string? Name { get; init; }
    /// <summary>FifoTopic, ContentBasedDeduplication, DisplayName, Policy, KmsMasterKeyId, ...</summary>
    public Dictionary<string, string>? Attributes { get; init; }
    public List<Tag>? Tags { get; init; }
}

public sealed record Tag
{
    public string? Key { get; init; }
    public string? Value { get; init; }
}

public sealed record CreateTopicResponse
{
    public string? TopicArn { get; init; }
}

public sealed record SubscribeRequest
{
    public string? TopicArn { get; init; }
    /// <summary>sqs, http, https, email, lambda, ...</summary>
    public string? Protocol { get; init; }
    /// <summary>For sqs, the queue's ARN.</summary>
    public string? Endpoint { get; init; }
    /// <summary>RawMessageDelivery ("true": the queue receives the message itself, with its attributes as the queue message's), FilterPolicy, RedrivePolicy, ...</summary>
    public Dictionary<string, string>? Attributes { get; init; }
    public bool? ReturnSubscriptionArn { get; init; }
}

public sealed record SubscribeResponse
{
    public string? SubscriptionArn { get; init; }
}

public sealed record UnsubscribeRequest
{
    public string? SubscriptionArn { get; init; }
}

public sealed record MessageAttributeValue
{
    /// <summary>String, Number or Binary, optionally with a custom suffix (String.Json).</summary>
    public string? DataType { get; init; }
    public string? StringValue { get; init; }
    public byte[]? BinaryValue { get; init; }
}

public sealed record PublishRequest
{
    public string? TopicArn { get; init; }
    public string? TargetArn { get; init; }
    public string? Message { get; init; }
    public string? Subject { get; init; }
    public string? MessageStructure { get; init; }
    public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; init; }
    public string? MessageDeduplicationId { get; init; }
    public string? MessageGroupId { get; init; }
}

public sealed record PublishResponse
{
    public string? MessageId { get; init; }
    /// <summary>FIFO topics only.</summary>
    public string? SequenceNumber { get; init; }
}

public sealed record PublishBatchRequest
{
    public string? TopicArn { get; init; }
    /// <summary>At most 10, with distinct Ids.</summary>
    public List<PublishBatchRequestEntry>? PublishBatchRequestEntries { get; init; }
}

public sealed record PublishBatchRequestEntry
{
    public string? Id { get; init; }
    public string? Message { get; init; }
    public string? Subject { get; init; }
    public string? MessageStructure { get; init; }
    public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; init; }
    public string? MessageDeduplicationId { get; init; }
    public string? MessageGroupId { get; init; }
}

/// <summary>A batch answers 200 even when entries failed: look at <see cref="Failed"/>.</summary>
public sealed record PublishBatchResponse
{
    public List<PublishBatchResultEntry>? Successful { get; init; }
    public List<BatchResultErrorEntry>? Failed { get; init; }
}

public sealed record PublishBatchResultEntry
{
    public string? Id { get; init; }
    public string? MessageId { get; init; }
    public string? SequenceNumber { get; init; }
}

public sealed record BatchResultErrorEntry
{
    public string? Id { get; init; }
    public string? Code { get; init; }
    public string? Message { get; init; }
    public bool? SenderFault { get; init; }
}

public sealed record GetTopicAttributesRequest
{
    public string? TopicArn { get; init; }
}

public sealed record GetTopicAttributesResponse
{
    /// <summary>TopicArn, Owner, Policy, SubscriptionsConfirmed, SubscriptionsPending, FifoTopic, ...</summary>
    public Dictionary<string, string>? Attributes { get; init; }
}

public sealed record ListSubscriptionsByTopicRequest
{
    public string? TopicArn { get; init; }
    public string? NextToken { get; init; }
}

public sealed record ListSubscriptionsByTopicResponse
{
    public List<Subscription>? Subscriptions { get; init; }
    public string? NextToken { get; init; }
}

public sealed record Subscription
{
    public string? SubscriptionArn { get; init; }
    public string? Owner { get; init; }
    public string? Protocol { get; init; }
    public string? Endpoint { get; init; }
    public string? TopicArn { get; init; }
}
