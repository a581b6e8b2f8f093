using MassTransit;
using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Tests.When_receiving;

[Collection(MotoCollection.Name)]
public sealed class When_a_consumer_fails(MotoServer moto)
{
    [Fact]
    public async Task It_is_retried_then_moved_to_error_with_the_faults_headers_and_deleted_from_its_queue()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<FailingConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("orders", e =>
            {
                e.UseMessageRetry(r => r.Immediate(2));
                e.ConfigureConsumer<FailingConsumer>(context);
            }));

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:orders"))).Send(new Work("doomed"));

        var error = Assert.Single(await bus.PeekAsync("orders_error"));
        Assert.Equal(3, bus.Received.Of<Work>().Count); // the first try and two retries
        Assert.Contains("doomed", error.Body);
        Assert.InRange(error.MessageAttributes.Count, 1, 10);
        var headers = SqsHeaders.FromAttributes(error.MessageAttributes.Select(a => KeyValuePair.Create(a.Key, a.Value.StringValue)));
        Assert.Equal("the work failed: doomed", headers[MessageHeaders.FaultMessage]);
        Assert.Equal(typeof(InvalidOperationException).FullName, headers[MessageHeaders.FaultExceptionType]);
        Assert.Contains(MessageHeaders.FaultStackTrace, headers.Keys);
        Assert.Contains(MessageHeaders.FaultConsumerType, headers.Keys);
        // The original is deleted after its copy is on orders_error: it may still be there a moment after the copy is.
        await bus.WaitUntilEmptyAsync("orders");
    }

    [Fact]
    public async Task Redelivery_brings_it_back_after_its_delay_and_then_it_is_consumed()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<FailsUntilRedeliveredConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("orders", e =>
            {
                e.UseDelayedRedelivery(r => r.Intervals(TimeSpan.FromSeconds(1)));
                e.ConfigureConsumer<FailsUntilRedeliveredConsumer>(context);
            }));

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:orders"))).Send(new Work("second time lucky"));

        var attempts = await bus.Received.WaitFor<Work>(2);
        Assert.Equal([0, 1], attempts.Select(a => a.Context.GetRedeliveryCount()));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(0.9), "redelivered before its delay");
        await Task.Delay(500);
        Assert.Equal(2, bus.Received.Of<Work>().Count);
        Assert.Equal(0, await bus.CountAsync("orders_error"));
    }

    private sealed class FailingConsumer(Received received) : IConsumer<Work>
    {
        public Task Consume(ConsumeContext<Work> context)
        {
            received.Add("orders", context);
            throw new InvalidOperationException($"the work failed: {context.Message.Text}");
        }
    }

    private sealed class FailsUntilRedeliveredConsumer(Received received) : IConsumer<Work>
    {
        public Task Consume(ConsumeContext<Work> context)
        {
            received.Add("orders", context);
            return context.GetRedeliveryCount() == 0 ? throw new InvalidOperationException("not yet") : Task.CompletedTask;
        }
    }
}
