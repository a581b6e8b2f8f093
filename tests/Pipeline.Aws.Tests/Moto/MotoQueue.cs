using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Pipeline.Aws.Tests.Moto;

/// <summary>An SQS queue of its own on the moto_server, read with the official SQS client (independent of the client under test).</summary>
public sealed class MotoQueue : IDisposable
{
    private readonly AmazonSQSClient _sqs;

    private MotoQueue(AmazonSQSClient sqs, string url, string arn)
    {
        _sqs = sqs;
        Url = url;
        Arn = arn;
    }

    public string Url { get; }
    public string Arn { get; }

    public static async Task<MotoQueue> CreateAsync(MotoServer moto)
    {
        var sqs = new AmazonSQSClient(MotoServer.Credentials, new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        var url = (await sqs.CreateQueueAsync($"queue-{Guid.NewGuid():N}")).QueueUrl;
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] });
        return new MotoQueue(sqs, url, attributes.Attributes["QueueArn"]);
    }

    /// <summary>Receives (and deletes) until <paramref name="count"/> messages have come, or fails after 20 s with what came.</summary>
    public async Task<List<Message>> ReceiveAsync(int count)
    {
        var received = new List<Message>();
        var deadline = Stopwatch.StartNew();
        while (received.Count < count && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            var answer = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = Url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"],
            });
            foreach (var message in answer.Messages ?? [])
            {
                received.Add(message);
                await _sqs.DeleteMessageAsync(Url, message.ReceiptHandle);
            }
        }

        Assert.True(received.Count == count, $"{received.Count} of {count} messages arrived on {Url}");
        return received;
    }

    public void Dispose() => _sqs.Dispose();
}
