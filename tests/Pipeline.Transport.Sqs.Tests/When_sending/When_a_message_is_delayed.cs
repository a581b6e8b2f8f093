using System.Diagnostics;
using MassTransit;
using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Tests.When_sending;

[Collection(MotoCollection.Name)]
public sealed class When_a_message_is_delayed(MotoServer moto)
{
    private static Task<SqsTestBus> OrdersConsumingWork(MotoServer moto, Action<SqsHostSettings>? host = null) =>
        SqsTestBus.StartAsync(moto, x => x.AddConsumer<TracedConsumer>(), (context, cfg) =>
        {
            cfg.UseDelayedMessageScheduler();
            cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<TracedConsumer>(context));
        }, host);

    [Fact]
    public async Task A_delayed_send_arrives_after_its_delay()
    {
        await using var bus = await OrdersConsumingWork(moto);

        var sentAt = DateTimeOffset.UtcNow;
        await (await bus.Bus.GetSendEndpoint(new Uri("queue:orders"))).Send(new Work("in 2 s"), c => c.Delay = TimeSpan.FromSeconds(2));

        var arrival = Assert.Single(await bus.Received.WaitFor<Work>());
        Assert.True(arrival.At - sentAt >= TimeSpan.FromSeconds(1.9), $"arrived {(arrival.At - sentAt).TotalSeconds:0.0} s after it was sent");
    }

    [Fact]
    public async Task A_scheduled_send_arrives_at_its_time()
    {
        await using var bus = await OrdersConsumingWork(moto);
        var scheduler = bus.Bus.CreateDelayedMessageScheduler();

        var due = DateTime.UtcNow.AddSeconds(2);
        await scheduler.ScheduleSend(new Uri("queue:orders"), due, new Work("scheduled"));

        var arrival = Assert.Single(await bus.Received.WaitFor<Work>());
        Assert.True(arrival.At >= new DateTimeOffset(due).AddSeconds(-0.1), $"arrived {(due - arrival.At.UtcDateTime).TotalSeconds:0.0} s early");
    }

    [Fact]
    public async Task A_consumer_schedules_from_its_consume_context_as_a_saga_does()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x =>
        {
            x.AddConsumer<TracedConsumer>();
            x.AddConsumer<PlanningConsumer>();
        }, (context, cfg) =>
        {
            cfg.UseDelayedMessageScheduler();
            cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<TracedConsumer>(context));
            cfg.ReceiveEndpoint("planner", e => e.ConfigureConsumer<PlanningConsumer>(context));
        });

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:planner"))).Send(new Ping("plan"));

        var arrival = Assert.Single(await bus.Received.WaitFor<Work>());
        Assert.Equal("planned", arrival.Context.Message.Text);
    }

    [Fact]
    public async Task A_delay_longer_than_the_longest_hop_is_made_in_hops_and_keeps_its_trace()
    {
        using var listener = ListenToAllActivities();
        await using var bus = await OrdersConsumingWork(moto, host => host.MaxDelaySeconds = 1);
        using var activity = new ActivitySource("Pipeline.Transport.Sqs.Tests").StartActivity("send later");

        var sentAt = DateTimeOffset.UtcNow;
        await (await bus.Bus.GetSendEndpoint(new Uri("queue:orders"))).Send(new Work("in 3 s"), c => c.Delay = TimeSpan.FromSeconds(3));

        var (_, received, at) = Assert.Single(await bus.Received.WaitFor<Work>());
        Assert.True(at - sentAt >= TimeSpan.FromSeconds(2.9), $"arrived {(at - sentAt).TotalSeconds:0.0} s after it was sent");
        Assert.NotNull(received.ReceiveContext.TransportHeaders.Get<string>(SqsDelayHop.DueHeader)); // it went the way of hops
        Assert.Equal(activity!.TraceId, TracedConsumer.TraceIds[received.MessageId!.Value]);
        Assert.Contains(activity.TraceId.ToString(), received.ReceiveContext.TransportHeaders.Get<string>("MT-Activity-Id"));
    }

    [Fact]
    public async Task A_delayed_publish_is_refused_since_sns_cannot_delay()
    {
        await using var bus = await OrdersConsumingWork(moto);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            bus.Bus.Publish(new Work("later"), (PublishContext<Work> c) => c.Delay = TimeSpan.FromSeconds(2)));

        Assert.Contains($"'{bus.Scope}_Pipeline_Transport_Sqs_Tests-Work'", error.Message);
        Assert.Empty(bus.Received.Of<Work>());
    }

    private static ActivityListener ListenToAllActivities()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>Schedules from its consume context, as a saga's Schedule does (the scheduler needs the bus topology there).</summary>
    private sealed class PlanningConsumer : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context) =>
            context.ScheduleSend(new Uri("queue:orders"), DateTime.UtcNow.AddSeconds(1), new Work("planned"));
    }

    private sealed class TracedConsumer(Received received) : IConsumer<Work>
    {
        public static System.Collections.Concurrent.ConcurrentDictionary<Guid, ActivityTraceId> TraceIds { get; } = new();

        public Task Consume(ConsumeContext<Work> context)
        {
            if (Activity.Current is { } current)
                TraceIds[context.MessageId!.Value] = current.TraceId;
            received.Add("orders", context);
            return Task.CompletedTask;
        }
    }
}
