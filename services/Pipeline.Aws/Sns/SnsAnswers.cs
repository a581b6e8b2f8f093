using System.Xml.Linq;
using Pipeline.Aws.Query;

namespace Pipeline.Aws.Sns;

/// <summary>Each operation's <c>{Action}Result</c> element as its response shape.</summary>
internal static class SnsAnswers
{
    public static CreateTopicResponse CreateTopic(XElement result) => new() { TopicArn = result.Text("TopicArn") };

    public static SubscribeResponse Subscribe(XElement result) => new() { SubscriptionArn = result.Text("SubscriptionArn") };

    public static PublishResponse Publish(XElement result) => new()
    {
        MessageId = result.Text("MessageId"),
        SequenceNumber = result.Text("SequenceNumber"),
    };

    public static PublishBatchResponse PublishBatch(XElement result) => new()
    {
        Successful = result.Members("Successful", static e => new PublishBatchResultEntry
        {
            Id = e.Text("Id"), MessageId = e.Text("MessageId"), SequenceNumber = e.Text("SequenceNumber"),
        }),
        Failed = result.Members("Failed", static e => new BatchResultErrorEntry
        {
            Id = e.Text("Id"), Code = e.Text("Code"), Message = e.Text("Message"), SenderFault = e.Flag("SenderFault"),
        }),
    };

    public static GetTopicAttributesResponse GetTopicAttributes(XElement result) => new() { Attributes = result.Entries("Attributes") };

    public static ListSubscriptionsByTopicResponse ListSubscriptionsByTopic(XElement result) => new()
    {
        Subscriptions = result.Members("Subscriptions", static e => new Subscription
        {
            SubscriptionArn = e.Text("SubscriptionArn"),
            Owner = e.Text("Owner"),
            Protocol = e.Text("Protocol"),
            Endpoint = e.Text("Endpoint"),
            TopicArn = e.Text("TopicArn"),
        }),
        NextToken = result.Text("NextToken"),
    };
}
