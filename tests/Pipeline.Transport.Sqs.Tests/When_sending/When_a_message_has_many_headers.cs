using Amazon.SQS.Model;
using MassTransit;
using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Tests.When_sending;

/// <summary>SQS drops a raw-delivered SNS message with more than 10 attributes; moto does not, so the count is checked on what arrives.</summary>
[Collection(MotoCollection.Name)]
public sealed class When_a_message_has_many_headers(MotoServer moto)
{
    private static void FifteenHeaders(SendContext context)
    {
        for (var i = 0; i < 15; i++)
            context.Headers.Set($"X-Custom-{i}", $"value {i}");
    }

    private static Task<SqsTestBus> OrdersConsumingPing(MotoServer moto) =>
        SqsTestBus.StartAsync(moto, x => x.AddConsumer<RecordingConsumer<Ping>>(),
            (context, cfg) => cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<RecordingConsumer<Ping>>(context)));

    [Fact]
    public async Task A_sent_message_arrives_with_at_most_ten_attributes_and_every_header()
    {
        await using var bus = await OrdersConsumingPing(moto);

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:orders"))).Send(new Ping("crowded"), (SendContext<Ping> c) => FifteenHeaders(c));

        AssertPackedAndComplete(Assert.Single(await bus.Received.WaitFor<Ping>()).Context);
    }

    [Fact]
    public async Task A_published_message_arrives_through_sns_with_at_most_ten_attributes_and_every_header()
    {
        await using var bus = await OrdersConsumingPing(moto);

        await bus.Bus.Publish(new Ping("crowded"), (PublishContext<Ping> c) => FifteenHeaders(c));

        AssertPackedAndComplete(Assert.Single(await bus.Received.WaitFor<Ping>()).Context);
    }

    private static void AssertPackedAndComplete(ConsumeContext<Ping> received)
    {
        Assert.True(received.ReceiveContext.TryGetPayload<Message>(out var sqsMessage));
        Assert.InRange(sqsMessage!.MessageAttributes.Count, 1, 10);
        Assert.Contains(SqsHeaders.Packed, sqsMessage.MessageAttributes.Keys);
        Assert.Contains(SqsHeaders.ContentType, sqsMessage.MessageAttributes.Keys); // a well-known header stays an attribute of its own
        for (var i = 0; i < 15; i++)
            Assert.Equal($"value {i}", received.ReceiveContext.TransportHeaders.Get<string>($"X-Custom-{i}"));
        Assert.Equal("crowded", received.Message.Text);
    }
}
