using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Transport.Sqs.Tests.When_receiving;

[Collection(MotoCollection.Name)]
public sealed class When_a_consumer_runs_long(MotoServer moto)
{
    // Renewed at 2.8 s (SqsReceiveLock.RenewalPeriod), leaving 1.2 s for each renewal's round trip on a busy machine.
    private const int VisibilityTimeoutSeconds = 4;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(VisibilityTimeoutSeconds);

    [Fact]
    public async Task A_message_held_past_its_visibility_timeout_is_not_redelivered_while_its_consumer_runs()
    {
        // A relay that holds nothing back, to count what the bus itself receives: its own polls would take a copy too.
        await using var proxy = new SlowRenewalProxy(moto.EndpointUrl, hold: TimeSpan.Zero, slowCalls: 0);
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<HeldConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("batches", e =>
            {
                e.VisibilityTimeoutSeconds = VisibilityTimeoutSeconds;
                e.ConcurrentMessageLimit = 1;
                e.ConfigureConsumer<HeldConsumer>(context);
            }), host: settings => settings.SqsServiceUrl = proxy.Url);

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:batches"))).Send(new Work("takes 10 s"));
        var consuming = (await bus.Received.WaitFor<Work>())[0].At;

        // Another worker polls the queue while the 10 s consumer runs, for twice the 4 s visibility timeout from the
        // consumer's start: the message must stay hidden well past its timeout, through more than one renewal.
        var url = await bus.QueueUrlAsync("batches");
        var seenByOthers = 0;
        while (DateTimeOffset.UtcNow < consuming + 2 * VisibilityTimeout)
            seenByOthers += (await bus.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, VisibilityTimeout = 1 }))
                .Messages?.Count ?? 0;

        Assert.Equal(0, seenByOthers);
        // Deleted once consumed, so the consumer has ended; a copy would have been received again by now.
        await bus.WaitUntilEmptyAsync("batches");
        Assert.Single(bus.Received.Of<Work>());
        Assert.Equal(1, proxy.MessagesReceived); // not even the bus got a copy
    }

    [Fact]
    public async Task A_copy_received_after_a_late_renewal_is_not_consumed_again()
    {
        // The first renewal reaches SQS 2.5 s late: the message is visible again for a moment while its consumer runs.
        await using var proxy = new SlowRenewalProxy(moto.EndpointUrl, hold: TimeSpan.FromSeconds(2.5), slowCalls: 1);
        await using var bus = await StartSixSecondConsumeAsync(proxy);
        await Task.Delay(TimeSpan.FromSeconds(9)); // the consumer ends at 6 s; a kept copy would be consumed right after

        Assert.Equal(1, proxy.RenewalsHeld);
        Assert.True(proxy.MessagesReceived >= 2, $"the bus received the message {proxy.MessagesReceived} time(s): the late renewal let no copy out");
        Assert.Single(bus.Received.Of<Work>());
        Assert.Equal(0, await bus.CountAsync("batches"));
    }

    [Fact]
    public async Task A_copy_adopted_after_a_refused_renewal_is_kept_hidden_by_the_renewals_that_follow()
    {
        // The first renewal is refused (an expired handle): the message shows again and the bus takes one copy. From
        // then on the copy's handle must be renewed; a lock that stopped renewing would let a copy out every 2 s.
        await using var proxy = new SlowRenewalProxy(moto.EndpointUrl, hold: TimeSpan.Zero, slowCalls: 1, refuse: true);
        await using var bus = await StartSixSecondConsumeAsync(proxy);
        await bus.WaitUntilEmptyAsync("batches");

        Assert.Equal(1, proxy.RenewalsHeld);
        Assert.Equal(2, proxy.MessagesReceived);
        Assert.Single(bus.Received.Of<Work>());
    }

    /// <summary>
    /// A bus that talks to SQS through <paramref name="proxy"/>, one message at a time under a 2 s visibility timeout
    /// with room to fetch copies, once its 6 s consumer has started on one message.
    /// </summary>
    private async Task<SqsTestBus> StartSixSecondConsumeAsync(SlowRenewalProxy proxy)
    {
        var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<SlowConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("batches", e =>
            {
                e.VisibilityTimeoutSeconds = 2;
                e.ConcurrentMessageLimit = 1;
                e.PrefetchCount = 4;
                e.ConfigureConsumer<SlowConsumer>(context);
            }), host: settings => settings.SqsServiceUrl = proxy.Url);
        await (await bus.Bus.GetSendEndpoint(new Uri("queue:batches"))).Send(new Work("takes 6 s"));
        await bus.Received.WaitFor<Work>();
        return bus;
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
        await using var bus = await SqsTestBus.StartAsync(moto, x =>
        {
            x.AddSingleton<Concurrency>();
            x.AddConsumer<CountingConsumer>();
        }, (context, cfg) =>
            cfg.ReceiveEndpoint("work", e =>
            {
                e.ConcurrentMessageLimit = 2;
                e.ConfigureConsumer<CountingConsumer>(context);
            }));

        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:work"));
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => endpoint.Send(new Work($"w{i}"))));

        await bus.Received.WaitFor<Work>(6);
        Assert.Equal(2, bus.Services.GetRequiredService<Concurrency>().MostAtOnce);
    }

    [Fact]
    public async Task Messages_fetched_ahead_of_a_busy_consumer_stay_hidden_until_each_is_consumed_once()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<PacedConsumer>(), (context, cfg) =>
            cfg.ReceiveEndpoint("paced", e =>
            {
                e.VisibilityTimeoutSeconds = VisibilityTimeoutSeconds;
                e.ConcurrentMessageLimit = 1;
                e.PrefetchCount = 3;
                e.ConfigureConsumer<PacedConsumer>(context);
            }));
        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:paced"));
        await endpoint.Send(new Work("first"));
        await bus.Received.WaitFor<Work>();
        await endpoint.Send(new Work("second"));
        await endpoint.Send(new Work("third"));

        // The two later messages are fetched while the first runs (6 s) and wait past their 4 s visibility timeout. The
        // polls below start once the bus holds both, so that they test the hiding, not a race for the first receive, and
        // go on for twice the timeout.
        var url = await bus.QueueUrlAsync("paced");
        await WaitUntilNoneVisible(bus, url);
        var polling = DateTimeOffset.UtcNow;
        var seenByOthers = 0;
        while (DateTimeOffset.UtcNow < polling + 2 * VisibilityTimeout)
            seenByOthers += (await bus.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, VisibilityTimeout = 1 }))
                .Messages?.Count ?? 0;

        Assert.Equal(0, seenByOthers);
        await bus.WaitUntilEmptyAsync("paced"); // each deleted once consumed; a copy would be consumed before that
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

    /// <summary>Runs well past <see cref="VisibilityTimeout"/>.</summary>
    private sealed class HeldConsumer(Received received) : IConsumer<Work>
    {
        public async Task Consume(ConsumeContext<Work> context)
        {
            received.Add("batches", context);
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class PacedConsumer(Received received) : IConsumer<Work>
    {
        public async Task Consume(ConsumeContext<Work> context)
        {
            received.Add("paced", context);
            await Task.Delay(TimeSpan.FromSeconds(6));
        }
    }

    /// <summary>How many consumers of one bus run at once, and the most that ever did; one per bus, so nothing carries over between tests.</summary>
    private sealed class Concurrency
    {
        private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(5);
        private readonly TaskCompletionSource _overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;
        private int _mostAtOnce;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public void Enter()
        {
            var running = Interlocked.Increment(ref _running);
            for (var seen = Volatile.Read(ref _mostAtOnce); running > seen; seen = Volatile.Read(ref _mostAtOnce))
                if (Interlocked.CompareExchange(ref _mostAtOnce, running, seen) == seen)
                    break;
            if (running >= 2)
                _overlapped.TrySetResult();
        }

        public void Leave() => Interlocked.Decrement(ref _running);

        /// <summary>
        /// Until two have run at once, however slowly the messages come in; or, where they never do (a limit of 1),
        /// for 5 s once, after which no consumer waits.
        /// </summary>
        public async Task UntilTwoHaveRunAtOnce()
        {
            try
            {
                await _overlapped.Task.WaitAsync(HoldAtMost);
            }
            catch (TimeoutException)
            {
                _overlapped.TrySetResult();
            }
        }
    }

    private sealed class CountingConsumer(Received received, Concurrency concurrency) : IConsumer<Work>
    {
        public async Task Consume(ConsumeContext<Work> context)
        {
            concurrency.Enter();
            try
            {
                await concurrency.UntilTwoHaveRunAtOnce();
                await Task.Delay(400); // a third let in beside these two would be counted
            }
            finally
            {
                concurrency.Leave();
            }

            received.Add("work", context);
        }
    }
}
