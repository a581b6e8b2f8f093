using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;

namespace Pipeline.Transport.Sqs.Tests.When_receiving;

[Collection(MotoCollection.Name)]
public sealed class When_a_consumer_runs_long(MotoServer moto)
{
    [Fact]
    public async Task A_message_held_past_its_visibility_timeout_is_not_redelivered_while_its_consumer_runs()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<SlowConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("batches", e =>
            {
                e.VisibilityTimeoutSeconds = 2;
                e.ConcurrentMessageLimit = 1;
                e.ConfigureConsumer<SlowConsumer>(context);
            }));

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:batches"))).Send(new Work("takes 6 s"));
        await bus.Received.WaitFor<Work>();

        // Another worker polls the queue while the 6 s consumer runs, well past the 2 s visibility timeout.
        var url = await bus.QueueUrlAsync("batches");
        var seenByOthers = 0;
        for (var poll = 0; poll < 4; poll++)
            seenByOthers += (await bus.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, VisibilityTimeout = 1 }))
                .Messages?.Count ?? 0;

        Assert.Equal(0, seenByOthers);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the consumer ends; a copy would be received again now
        Assert.Single(bus.Received.Of<Work>());
        Assert.Equal(0, await bus.CountAsync("batches")); // deleted once consumed
    }

    [Fact]
    public async Task A_copy_received_after_a_late_renewal_is_not_consumed_again()
    {
        // The first renewal reaches SQS 2.5 s late: the message is visible again for a moment while its consumer runs.
        await using var proxy = new SlowRenewalProxy(moto.EndpointUrl, hold: TimeSpan.FromSeconds(2.5), slowCalls: 1);
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<SlowConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("batches", e =>
            {
                e.VisibilityTimeoutSeconds = 2;
                e.ConcurrentMessageLimit = 1;
                e.PrefetchCount = 4;
                e.ConfigureConsumer<SlowConsumer>(context);
            }), host: settings => settings.SqsServiceUrl = proxy.Url);

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:batches"))).Send(new Work("takes 6 s"));
        await bus.Received.WaitFor<Work>();
        await Task.Delay(TimeSpan.FromSeconds(9)); // the consumer ends at 6 s; a kept copy would be consumed right after

        Assert.Equal(1, proxy.RenewalsHeld);
        Assert.True(proxy.MessagesReceived >= 2, $"the bus received the message {proxy.MessagesReceived} time(s): the late renewal let no copy out");
        Assert.Single(bus.Received.Of<Work>());
        Assert.Equal(0, await bus.CountAsync("batches"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(30)]
    [InlineData(43200)]
    public void A_held_message_is_renewed_by_70_percent_of_its_timeout_and_a_second_before_it_ends_where_it_can_be(int timeoutSeconds)
    {
        var renewal = Receiving.SqsReceiveLock.RenewalPeriod(timeoutSeconds).TotalSeconds;

        Assert.InRange(renewal, 0.1, 0.7 * timeoutSeconds);
        Assert.True(timeoutSeconds - renewal >= Math.Min(1, timeoutSeconds / 2.0), $"renewed at {renewal} s of {timeoutSeconds} s");
    }

    [Fact]
    public async Task No_more_messages_run_at_once_than_the_concurrent_message_limit()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<CountingConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("work", e =>
            {
                e.ConcurrentMessageLimit = 2;
                e.ConfigureConsumer<CountingConsumer>(context);
            }));

        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:work"));
        for (var i = 0; i < 6; i++)
            await endpoint.Send(new Work($"w{i}"));

        await bus.Received.WaitFor<Work>(6);
        Assert.Equal(2, CountingConsumer.MostAtOnce);
    }

    [Fact]
    public async Task Messages_fetched_ahead_of_a_busy_consumer_stay_hidden_until_each_is_consumed_once()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<PacedConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("paced", e =>
            {
                e.VisibilityTimeoutSeconds = 2;
                e.ConcurrentMessageLimit = 1;
                e.PrefetchCount = 3;
                e.ConfigureConsumer<PacedConsumer>(context);
            }));
        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:paced"));
        await endpoint.Send(new Work("first"));
        await bus.Received.WaitFor<Work>();
        await endpoint.Send(new Work("second"));
        await endpoint.Send(new Work("third"));

        // The two later messages are fetched while the first runs and wait past their 2 s visibility timeout. The polls
        // below start once the bus holds both, so that they test the hiding, not a race for the first receive.
        var url = await bus.QueueUrlAsync("paced");
        await WaitUntilNoneVisible(bus, url);
        var seenByOthers = 0;
        for (var poll = 0; poll < 5; poll++)
            seenByOthers += (await bus.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, VisibilityTimeout = 1 }))
                .Messages?.Count ?? 0;

        Assert.Equal(0, seenByOthers);
        await bus.Received.WaitFor<Work>(3);
        Assert.Equal(["first", "second", "third"], bus.Received.Of<Work>().Select(w => w.Context.Message.Text).Order());
    }

    private sealed class SlowConsumer(Received received) : IConsumer<Work>
    {
        public async Task Consume(ConsumeContext<Work> context)
        {
            received.Add("batches", context);
            await Task.Delay(TimeSpan.FromSeconds(6));
        }
    }

    private static async Task WaitUntilNoneVisible(SqsTestBus bus, string url)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((await bus.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
               {
                   QueueUrl = url,
                   AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages],
               }, timeout.Token)).ApproximateNumberOfMessages > 0)
            await Task.Delay(50, timeout.Token);
    }

    private sealed class PacedConsumer(Received received) : IConsumer<Work>
    {
        public async Task Consume(ConsumeContext<Work> context)
        {
            received.Add("paced", context);
            await Task.Delay(TimeSpan.FromSeconds(2.5));
        }
    }

    private sealed class CountingConsumer(Received received) : IConsumer<Work>
    {
        private static int _running;
        private static int _mostAtOnce;

        public static int MostAtOnce => _mostAtOnce;

        public async Task Consume(ConsumeContext<Work> context)
        {
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _mostAtOnce, running);
            await Task.Delay(400);
            Interlocked.Decrement(ref _running);
            received.Add("work", context);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = target; value > seen; seen = target)
                if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                    return;
        }
    }
}
