using MassTransit;
using Pipeline.Aws.Sns;

namespace Pipeline.Transport.Sqs.Tests.When_configuring;

[Collection(MotoCollection.Name)]
public sealed class When_an_endpoint_is_temporary(MotoServer moto)
{
    /// <summary>A per-process queue, as the Ingestor's ExperimentEnded consumer has.</summary>
    public sealed class PerProcessPing : ConsumerDefinition<RecordingConsumer<Ping>>
    {
        public PerProcessPing() => Endpoint(e =>
        {
            e.Name = "pings";
            e.InstanceId = "-instance-7";
            e.Temporary = true;
        });
    }

    [Fact]
    public async Task Its_queue_and_its_subscriptions_are_removed_when_the_bus_stops_and_a_durable_endpoints_stay()
    {
        var bus = await SqsTestBus.StartAsync(moto, x =>
        {
            x.AddConsumer<RecordingConsumer<Ping>, PerProcessPing>();
            x.AddConsumer<RecordingConsumer<Pong>>();
        }, (context, cfg) =>
        {
            cfg.ReceiveEndpoint("durable", e => e.ConfigureConsumer<RecordingConsumer<Pong>>(context));
            cfg.ConfigureEndpoints(context);
        });
        using var aws = moto.CreateAwsClients();
        using var sqs = new Amazon.SQS.AmazonSQSClient(MotoServer.Credentials,
            new Amazon.SQS.AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        async Task<List<string>> Subscribers(string type)
        {
            var topicArn = (await aws.Sns.CreateTopicAsync(new CreateTopicRequest { Name = $"{bus.Scope}_Pipeline_Transport_Sqs_Tests-{type}" })).TopicArn!;
            return [.. (await aws.Sns.Paginators.ListSubscriptionsByTopic(new ListSubscriptionsByTopicRequest { TopicArn = topicArn }).Items.ToListAsync())
                .Select(s => s.Endpoint![(s.Endpoint!.LastIndexOf(':') + 1)..])];
        }

        async Task<List<string>> Queues() => [.. ((await sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest { QueueNamePrefix = bus.Scope })).QueueUrls ?? [])
            .Select(url => url[(url.LastIndexOf('/') + 1)..]).Where(q => !q.Contains("_bus_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        await bus.Bus.Publish(new Ping("while running"));
        await bus.Received.WaitFor<Ping>();
        var running = (Queues: await Queues(), Pings: await Subscribers("Ping"));
        await bus.DisposeAsync();
        var stopped = (Queues: await Queues(), Pings: await Subscribers("Ping"), Pongs: await Subscribers("Pong"));

        Assert.Equal([$"{bus.Scope}_durable", $"{bus.Scope}_durable_error", $"{bus.Scope}_durable_skipped", $"{bus.Scope}_pings-instance-7"], running.Queues);
        Assert.Equal([$"{bus.Scope}_pings-instance-7"], running.Pings);
        Assert.Equal([$"{bus.Scope}_durable", $"{bus.Scope}_durable_error", $"{bus.Scope}_durable_skipped"], stopped.Queues);
        Assert.Empty(stopped.Pings);
        Assert.Equal([$"{bus.Scope}_durable"], stopped.Pongs);
    }
}
