using MassTransit;

namespace Pipeline.Transport.Sqs.Tests.When_sending;

[Collection(MotoCollection.Name)]
public sealed class When_a_message_is_too_large(MotoServer moto)
{
    [Fact]
    public async Task Sending_it_fails_with_an_error_naming_the_queue_its_size_and_the_limit()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, _ => { }, (_, _) => { });
        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:orders"));

        var error = await Assert.ThrowsAsync<SqsMessageTooLargeException>(() => endpoint.Send(new Work(new string('x', 300 * 1024))));

        Assert.Contains($"'{bus.Scope}_orders'", error.Message);
        Assert.Contains("256 KB", error.Message);
        Assert.InRange(error.Bytes, 300 * 1024, 310 * 1024);
    }

    [Fact]
    public async Task Publishing_it_fails_the_same_way()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, _ => { }, (_, _) => { });

        var error = await Assert.ThrowsAsync<SqsMessageTooLargeException>(() => bus.Bus.Publish(new Work(new string('x', 300 * 1024))));

        Assert.Contains("Pipeline_Transport_Sqs_Tests-Work", error.Message);
    }

    [Fact]
    public async Task A_message_just_under_the_limit_is_delivered()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<RecordingConsumer<Work>>(),
            (context, cfg) => cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<RecordingConsumer<Work>>(context)));

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:orders"))).Send(new Work(new string('x', 250 * 1024)));

        Assert.Equal(250 * 1024, Assert.Single(await bus.Received.WaitFor<Work>()).Context.Message.Text.Length);
    }
}
