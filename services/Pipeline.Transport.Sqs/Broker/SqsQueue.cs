namespace Pipeline.Transport.Sqs.Broker;

/// <summary>A queue as the transport addresses it: by URL to SQS, by ARN to SNS.</summary>
internal sealed record SqsQueue(string Name, string Url, string Arn);
