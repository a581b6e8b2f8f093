using Pipeline.Aws.Query;

namespace Pipeline.Aws.Sns;

/// <summary>Each request as the Query protocol's form fields, named as in botocore's sns model.</summary>
internal static class SnsForms
{
    public static QueryForm Of(CreateTopicRequest request) => new QueryForm()
        .Add("Name", request.Name)
        .AddMap("Attributes", request.Attributes)
        .AddList("Tags", request.Tags, static (form, member, tag) => form.Add($"{member}.Key", tag.Key).Add($"{member}.Value", tag.Value));

    public static QueryForm Of(UnsubscribeRequest request) => new QueryForm().Add("SubscriptionArn", request.SubscriptionArn);

    public static QueryForm Of(SubscribeRequest request) => new QueryForm()
        .Add("TopicArn", request.TopicArn)
        .Add("Protocol", request.Protocol)
        .Add("Endpoint", request.Endpoint)
        .AddMap("Attributes", request.Attributes)
        .Add("ReturnSubscriptionArn", request.ReturnSubscriptionArn);

    public static QueryForm Of(PublishRequest request) => new QueryForm()
        .Add("TopicArn", request.TopicArn)
        .Add("TargetArn", request.TargetArn)
        .Add("Message", request.Message)
        .Add("Subject", request.Subject)
        .Add("MessageStructure", request.MessageStructure)
        .AddMessageAttributes("MessageAttributes", request.MessageAttributes)
        .Add("MessageDeduplicationId", request.MessageDeduplicationId)
        .Add("MessageGroupId", request.MessageGroupId);

    public static QueryForm Of(PublishBatchRequest request) => new QueryForm()
        .Add("TopicArn", request.TopicArn)
        .AddList("PublishBatchRequestEntries", request.PublishBatchRequestEntries, static (form, member, entry) => form
            .Add($"{member}.Id", entry.Id)
            .Add($"{member}.Message", entry.Message)
            .Add($"{member}.Subject", entry.Subject)
            .Add($"{member}.MessageStructure", entry.MessageStructure)
            .AddMessageAttributes($"{member}.MessageAttributes", entry.MessageAttributes)
            .Add($"{member}.MessageDeduplicationId", entry.MessageDeduplicationId)
            .Add($"{member}.MessageGroupId", entry.MessageGroupId));

    public static QueryForm Of(GetTopicAttributesRequest request) => new QueryForm()
        .Add("TopicArn", request.TopicArn);

    public static QueryForm Of(ListSubscriptionsByTopicRequest request) => new QueryForm()
        .Add("TopicArn", request.TopicArn)
        .Add("NextToken", request.NextToken);

    /// <summary>MessageAttributeMap names its members Name and Value (not key and value).</summary>
    private static QueryForm AddMessageAttributes(this QueryForm form, string name, Dictionary<string, MessageAttributeValue>? attributes) =>
        form.AddMap(name, attributes, "Name", "Value", static (f, value, attribute) => f
            .Add($"{value}.DataType", attribute.DataType)
            .Add($"{value}.StringValue", attribute.StringValue)
            .Add($"{value}.BinaryValue", attribute.BinaryValue));
}
