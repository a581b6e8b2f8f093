using System.Text.Json;

namespace Pipeline.Transport.Sqs.Broker;

/// <summary>The queue policy that lets SNS deliver from the queue's topics (and nothing else).</summary>
internal static class SqsQueuePolicy
{
    public static string AllowTopics(string queueArn, IReadOnlyCollection<string> topicArns) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new
            {
                Sid = "AllowTopicsToSend",
                Effect = "Allow",
                Principal = new { Service = "sns.amazonaws.com" },
                Action = "sqs:SendMessage",
                Resource = queueArn,
                Condition = new { ArnEquals = new Dictionary<string, IReadOnlyCollection<string>> { ["aws:SourceArn"] = topicArns } },
            },
        },
    });
}
