using MassTransit;

namespace Pipeline.Transport.Sqs.Tests.When_sending;

[Collection(MotoCollection.Name)]
public sealed class When_a_message_is_sent(MotoServer moto)
{
    [Fact]
    public async Task It_is_consumed_from_the_queue_named_under_the_scope()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<RecordingConsumer<Ping>>(),
            (context, cfg) => cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<RecordingConsumer<Ping>>(context)));

        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:orders"));
        await endpoint.Send(new Ping("hello"));

        var (queue, received, _) = Assert.Single(await bus.Received.WaitFor<Ping>());
        Assert.Equal("hello", received.Message.Text);
        Assert.Equal($"{bus.Scope}_orders", queue);
        Assert.Equal(new Uri($"amazonsqs://us-east-1/{bus.Scope}_orders"), received.ReceiveContext.InputAddress);
    }

    [Fact]
    public async Task Each_endpoint_has_its_queue_and_error_and_skipped_queues_under_the_scope()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<RecordingConsumer<Ping>>(),
            (context, cfg) => cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<RecordingConsumer<Ping>>(context)));

        var queues = (await bus.Sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest { QueueNamePrefix = bus.Scope })).QueueUrls
            .Select(url => url[(url.LastIndexOf('/') + 1)..]).ToList();

        Assert.Contains($"{bus.Scope}_orders", queues);
        Assert.Contains($"{bus.Scope}_orders_error", queues);
        Assert.Contains($"{bus.Scope}_orders_skipped", queues);
        Assert.All(queues, q => Assert.StartsWith(bus.Scope + "_", q));
    }

    [Fact]
    public async Task A_message_no_consumer_takes_moves_to_the_skipped_queue()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<RecordingConsumer<Ping>>(),
            (context, cfg) => cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<RecordingConsumer<Ping>>(context)));

        await (await bus.Bus.GetSendEndpoint(new Uri("queue:orders"))).Send(new Work("nobody consumes this here"));

        var skipped = Assert.Single(await bus.PeekAsync("orders_skipped"));
        Assert.Contains("nobody consumes this here", skipped.Body);
        Assert.Equal("dead-letter", skipped.MessageAttributes[MessageHeaders.Reason].StringValue); // MassTransit's reason for a skipped message
    }

    [Fact]
    public async Task The_bus_s_own_queue_has_no_error_or_skipped_queue_and_is_deleted_when_the_bus_stops()
    {
        var bus = await SqsTestBus.StartAsync(moto, x => x.AddConsumer<RecordingConsumer<Ping>>(),
            (context, cfg) => cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<RecordingConsumer<Ping>>(context)));
        var sqs = new Amazon.SQS.AmazonSQSClient(MotoServer.Credentials,
            new Amazon.SQS.AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        async Task<List<string>> Queues() => ((await sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest { QueueNamePrefix = bus.Scope })).QueueUrls ?? [])
            .Select(url => url[(url.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToList();

        var busQueue = bus.Bus.Address.AbsolutePath.Trim('/');
        var running = await Queues();
        await bus.DisposeAsync();
        var stopped = await Queues();

        Assert.Contains("_bus_", busQueue);
        Assert.Equal(new[] { $"{bus.Scope}_orders", $"{bus.Scope}_orders_error", $"{bus.Scope}_orders_skipped", busQueue }.Order(StringComparer.Ordinal), running);
        Assert.Equal([$"{bus.Scope}_orders", $"{bus.Scope}_orders_error", $"{bus.Scope}_orders_skipped"], stopped);
        sqs.Dispose();
    }
}
