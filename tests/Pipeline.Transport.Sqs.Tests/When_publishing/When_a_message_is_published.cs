using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;
using Pipeline.Aws.Sns;

namespace Pipeline.Transport.Sqs.Tests.When_publishing;

[Collection(MotoCollection.Name)]
public sealed class When_a_message_is_published(MotoServer moto)
{
    private static Task<SqsTestBus> TwoEndpointsConsumingPing(MotoServer moto) =>
        SqsTestBus.StartAsync(moto, x => x.AddConsumer<RecordingConsumer<Ping>>(), (context, cfg) =>
        {
            cfg.ReceiveEndpoint("billing", e => e.ConfigureConsumer<RecordingConsumer<Ping>>(context));
            cfg.ReceiveEndpoint("shipping", e => e.ConfigureConsumer<RecordingConsumer<Ping>>(context));
        });

    [Fact]
    public async Task Every_queue_consuming_its_type_receives_it_once()
    {
        await using var bus = await TwoEndpointsConsumingPing(moto);

        await bus.Bus.Publish(new Ping("to all"));

        var received = await bus.Received.WaitFor<Ping>(2);
        await Task.Delay(500);
        Assert.Equal([$"{bus.Scope}_billing", $"{bus.Scope}_shipping"], bus.Received.Of<Ping>().Select(r => r.Endpoint).Order());
        Assert.All(received, r => Assert.Equal("to all", r.Context.Message.Text));
    }

    [Fact]
    public async Task The_type_has_one_topic_named_as_masstransit_names_it_with_raw_subscriptions_and_a_queue_policy()
    {
        await using var bus = await TwoEndpointsConsumingPing(moto);
        using var aws = moto.CreateAwsClients();

        var topic = $"{bus.Scope}_Pipeline_Transport_Sqs_Tests-Ping";
        var topicArn = (await aws.Sns.CreateTopicAsync(new CreateTopicRequest { Name = topic })).TopicArn!; // idempotent: answers the existing one
        var subscriptions = await aws.Sns.Paginators.ListSubscriptionsByTopic(new ListSubscriptionsByTopicRequest { TopicArn = topicArn }).Items.ToListAsync();

        Assert.Equal([$"{bus.Scope}_billing", $"{bus.Scope}_shipping"],
            subscriptions.Select(s => s.Endpoint![(s.Endpoint!.LastIndexOf(':') + 1)..]).Order());
        Assert.All(subscriptions, s => Assert.Equal("sqs", s.Protocol));
        var policy = (await bus.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = await bus.QueueUrlAsync("billing"), AttributeNames = [QueueAttributeName.Policy],
        })).Policy;
        Assert.Contains(topicArn, policy);
        Assert.Contains("sns.amazonaws.com", policy);
    }

    [Fact]
    public async Task A_request_is_answered_through_the_requesters_bus_queue()
    {
        await using var bus = await SqsTestBus.StartAsync(moto, x =>
        {
            x.AddConsumer<PongResponder>();
            x.AddRequestClient<Ping>(new Uri("queue:echo"));
        }, (context, cfg) => cfg.ReceiveEndpoint("echo", e => e.ConfigureConsumer<PongResponder>(context)));

        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(bus.Services);
        var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IRequestClient<Ping>>(scope.ServiceProvider);

        var response = await client.GetResponse<Pong>(new Ping("marco"), timeout: RequestTimeout.After(s: 30));

        Assert.Equal("polo to marco", response.Message.Text);
    }

    private sealed class PongResponder : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context) => context.RespondAsync(new Pong($"polo to {context.Message.Text}"));
    }
}
