using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Testing;

namespace Pipeline.ServiceDefaults.Tests;

// Top-level: a message type's SNS topic is named from its namespace and name, and must fit in 80 characters.
public sealed record Ping(Guid Id);

public sealed record Tally(Guid TallyId);

public sealed class When_the_transport_and_saga_store_are_chosen(MotoServer moto) : IClassFixture<MotoServer>
{
    public sealed class TallyState : SagaStateMachineInstance, ISagaVersion
    {
        public Guid CorrelationId { get; set; }
        public int Version { get; set; }
        public string CurrentState { get; set; } = "";
        public int Count { get; set; }
    }

    public sealed class TallyStateMachine : MassTransitStateMachine<TallyState>
    {
        public TallyStateMachine()
        {
            InstanceState(x => x.CurrentState);
            Event(() => Counted, e => e.CorrelateById(m => m.Message.TallyId));
            Initially(When(Counted).Then(c => c.Saga.Count++).TransitionTo(Counting));
            During(Counting, When(Counted).Then(c => c.Saga.Count++));
        }

        public State Counting { get; private set; } = null!;

        public Event<Tally> Counted { get; private set; } = null!;
    }

    private sealed class PingConsumer(TaskCompletionSource<Guid> seen) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            seen.TrySetResult(context.Message.Id);
            return Task.CompletedTask;
        }
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "Pipeline.Ingestor" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(MotoServer.Credentials);
        return builder;
    }

    private Dictionary<string, string?> OnSqs(string scope) => new()
    {
        ["Messaging:Transport"] = "Sqs",
        ["Messaging:SqsTransport:ServiceUrl"] = moto.EndpointUrl,
        ["Messaging:SqsTransport:Scope"] = scope,
        ["Messaging:SqsTransport:WaitTimeSeconds"] = "1",
    };

    [Fact]
    public async Task A_service_alone_on_the_in_memory_transport_refuses_to_start_saying_what_to_set()
    {
        var builder = Builder([]);
        builder.Services.AddPipelineMessaging(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Messaging__Transport=Sqs", error.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_invalid_setting_is_listed_at_start()
    {
        var builder = Builder(new()
        {
            ["Messaging:Transport"] = "Sqs",
            ["Messaging:SqsTransport:Scope"] = "no spaces",
            ["Messaging:SqsTransport:WaitTimeSeconds"] = "21",
        });
        builder.Services.AddPipelineMessaging(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        var all = string.Join(" | ", error.Failures);
        Assert.Contains("Messaging:SqsTransport:Scope", all, StringComparison.Ordinal);
        Assert.Contains("Messaging:SqsTransport:WaitTimeSeconds", all, StringComparison.Ordinal);
        Assert.DoesNotContain("in-memory transport", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_saga_store_fails_start_up_naming_the_setting()
    {
        var builder = Builder(new() { ["Saga:Store"] = "Redis" });
        builder.Services.AddPipelineSagaStore(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Saga:Store must be InMemory or DynamoDb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_Sqs_a_published_message_travels_through_a_queue_named_under_the_scope()
    {
        var scope = $"seam{Guid.NewGuid():N}"[..16];
        var builder = Builder(OnSqs(scope));
        var seen = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Services.AddSingleton(seen);
        builder.Services.AddBusRegistration(bus => bus.AddConsumer<PingConsumer>());
        builder.Services.AddPipelineMessaging(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var id = Guid.NewGuid();
            await host.Services.GetRequiredService<IBus>().Publish(new Ping(id));
            Assert.Equal(id, await seen.Task.WaitAsync(TimeSpan.FromSeconds(30)));

            using var sqs = new AmazonSQSClient(MotoServer.Credentials, new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
            var queues = await sqs.ListQueuesAsync(scope);
            Assert.Contains(queues.QueueUrls, url => url.EndsWith($"/{scope}_ping", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task On_Sqs_the_bus_is_ready_once_started_and_not_before()
    {
        var builder = Builder(OnSqs($"ready{Guid.NewGuid():N}"[..16]));
        builder.Services.AddBusRegistration(bus => bus.AddConsumer<PingConsumer>());
        builder.Services.AddSingleton(new TaskCompletionSource<Guid>());
        builder.Services.AddPipelineMessaging(builder.Configuration);
        using var host = builder.Build();
        LogContext.ConfigureCurrentLogContext(host.Services.GetRequiredService<ILoggerFactory>());
        var health = host.Services.GetRequiredService<HealthCheckService>();

        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Entries["masstransit-bus"].Status);
        await host.StartAsync();
        try
        {
            var bus = (await health.CheckHealthAsync()).Entries["masstransit-bus"];
            Assert.True(bus.Status == HealthStatus.Healthy, bus.Description);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class HeldPingConsumer(TaskCompletionSource<Guid> release) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context) => release.Task;
    }

    [Theory]
    [InlineData("1", 4)]
    [InlineData(null, 0)]
    public async Task A_process_takes_no_more_messages_ahead_than_its_PrefetchCount(string? prefetch, int leftVisible)
    {
        var scope = $"pre{Guid.NewGuid():N}"[..16];
        var settings = OnSqs(scope);
        settings["Messaging:SqsTransport:PrefetchCount"] = prefetch;
        var builder = Builder(settings);
        var release = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Services.AddBusRegistration(bus => bus.AddConsumer<HeldPingConsumer>(c => c.ConcurrentMessageLimit = 1));
        builder.Services.AddSingleton(release);
        builder.Services.AddPipelineMessaging(builder.Configuration);
        using var host = builder.Build();
        LogContext.ConfigureCurrentLogContext(host.Services.GetRequiredService<ILoggerFactory>());
        await host.StartAsync();
        try
        {
            var send = await host.Services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:held-ping"));
            for (var i = 0; i < 5; i++)
                await send.Send(new Ping(Guid.NewGuid()));
            using var sqs = new Amazon.SQS.AmazonSQSClient(MotoServer.Credentials,
                new Amazon.SQS.AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
            var url = (await sqs.GetQueueUrlAsync($"{scope}_held-ping")).QueueUrl;

            // One consumer is held on the first message; what else the process took is hidden from the queue.
            var visible = -1;
            for (var wait = 0; wait < 40 && visible != leftVisible; wait++)
            {
                await Task.Delay(250);
                visible = (await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages;
            }

            await Task.Delay(2000);
            visible = (await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages;
            Assert.Equal(leftVisible, visible);
        }
        finally
        {
            release.TrySetResult(Guid.Empty);
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task On_DynamoDb_the_saga_table_is_created_and_holds_the_saga_after_the_host_stops()
    {
        var table = $"sagas-{Guid.NewGuid():N}";
        var settings = OnSqs($"saga{Guid.NewGuid():N}"[..16]);
        settings["Saga:Store"] = "DynamoDb";
        settings["Saga:DynamoDb:TableName"] = table;
        settings["Saga:DynamoDb:ServiceUrl"] = moto.EndpointUrl;
        settings["Saga:DynamoDb:CreateTable"] = "true";
        // Stopping the first host cancels its long poll, which SQS may already have handed the second message to:
        // that message comes back after the visibility timeout.
        settings["Messaging:SqsTransport:VisibilityTimeoutSeconds"] = "3";
        var id = Guid.NewGuid();

        for (var run = 0; run < 2; run++)
        {
            // A second host over the same table: the saga it finds is the one the first one wrote.
            var builder = Builder(settings);
            var store = builder.Services.AddPipelineSagaStore(builder.Configuration);
            builder.Services.AddBusRegistration(bus => bus.AddSagaStateMachine<TallyStateMachine, TallyState>().InPipelineSagaStore(store));
            builder.Services.AddPipelineMessaging(builder.Configuration);
            using var host = builder.Build();
            // MassTransit keeps the first bus's logger factory in a static; the first host has disposed of it.
            LogContext.ConfigureCurrentLogContext(host.Services.GetRequiredService<ILoggerFactory>());
            await host.StartAsync();
            try
            {
                await host.Services.GetRequiredService<IBus>().Publish(new Tally(id));
                await CountReaches(table, id, run + 1);
            }
            finally
            {
                await host.StopAsync();
            }
        }
    }

    private async Task CountReaches(string table, Guid id, int count)
    {
        using var dynamo = new AmazonDynamoDBClient(MotoServer.Credentials, new AmazonDynamoDBConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var item = (await dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = table,
                Key = new() { ["CorrelationId"] = new AttributeValue { S = id.ToString("D") } },
                ConsistentRead = true,
            })).Item;
            last = item is { Count: > 0 } ? item["SagaState"].S : null;
            if (last?.Contains($"\"Count\":{count}", StringComparison.Ordinal) == true)
                return;
            await Task.Delay(100);
        }

        using var sqs = new AmazonSQSClient(MotoServer.Credentials, new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        var queues = new List<string>();
        foreach (var url in (await sqs.ListQueuesAsync("")).QueueUrls ?? [])
        {
            var a = await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
            queues.Add($"{url.Split('/')[^1]}={a.ApproximateNumberOfMessages}/{a.ApproximateNumberOfMessagesNotVisible}");
        }
        Assert.Fail($"The saga never reached count {count} in table {table}; last: {last ?? "no item"}; queues: {string.Join(", ", queues)}");
    }
}
