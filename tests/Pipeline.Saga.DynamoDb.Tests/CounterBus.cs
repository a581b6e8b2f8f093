using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Saga.DynamoDb.Tests.Counter;

namespace Pipeline.Saga.DynamoDb.Tests;

/// <summary>A real MassTransit bus (in-memory transport, under the test harness) with the counter saga kept in one DynamoDB table.</summary>
internal sealed class CounterBus : IAsyncDisposable
{
    internal static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider _provider;
    private readonly IAmazonDynamoDB _client;

    private CounterBus(ServiceProvider provider, IAmazonDynamoDB client, string table)
    {
        _provider = provider;
        _client = client;
        Table = table;
    }

    public string Table { get; }

    public ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();

    public static Task<CounterBus> StartAsync(IAmazonDynamoDB client) => StartAsync<CounterStateMachine>(client);

    public static async Task<CounterBus> StartAsync<TStateMachine>(IAmazonDynamoDB client, int concurrentMessageLimit = 50)
        where TStateMachine : class, SagaStateMachine<CounterState>
    {
        var table = await client.CreateSagaTableAsync();
        var services = new ServiceCollection();
        services.AddMassTransitTestHarness(bus =>
        {
            bus.SetTestTimeouts(testTimeout: WaitLimit, testInactivityTimeout: TimeSpan.FromSeconds(2));
            bus.AddSagaStateMachine<TStateMachine, CounterState>((_, saga) =>
                {
                    saga.ConcurrentMessageLimit = concurrentMessageLimit;
                    // Conflicts come in bursts when many messages race for one saga: a short, jittered backoff.
                    saga.UseMessageRetry(r =>
                    {
                        r.Handle<ConcurrencyException>();
                        r.Exponential(200, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(5));
                    });
                })
                .DynamoDbRepository(r => r.TableName = table, _ => client);
            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        var bus = new CounterBus(provider, client, table);
        await bus.Harness.Start();
        return bus;
    }

    public Task Publish<T>(T message)
        where T : class => Harness.Bus.Publish(message);

    /// <summary>The saga's item as DynamoDB holds it, or null.</summary>
    public async Task<Dictionary<string, AttributeValue>?> Item(Guid correlationId)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new() { [SagaItem.Key] = new AttributeValue { S = correlationId.ToString("D") } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Waits until the saga's item satisfies <paramref name="condition"/>; fails with what the item last held.</summary>
    public async Task<Dictionary<string, AttributeValue>> ItemWhen(Guid correlationId, Func<Dictionary<string, AttributeValue>, bool> condition)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        Dictionary<string, AttributeValue>? item;
        do
        {
            item = await Item(correlationId);
            if (item is not null && condition(item))
                return item;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        var consumed = Harness.Consumed.Select<IncrementCounter>().ToList();
        var faults = consumed.Where(c => c.Exception is not null).Select(c => $"{c.Context.Message.Step}: {c.Exception.GetType().Name}: {c.Exception.Message}");
        throw new Xunit.Sdk.XunitException($"The item of saga {correlationId} never reached the expected state; last: {Describe(item)}; consumed {consumed.Count} faults: {string.Join("; ", faults)}");
    }

    public static int Version(Dictionary<string, AttributeValue> item) => int.Parse(item[SagaItem.Version].N, System.Globalization.CultureInfo.InvariantCulture);

    public static CounterState State(Dictionary<string, AttributeValue> item) =>
        JsonSerializer.Deserialize<CounterState>(item[SagaItem.State].S, new DynamoDbSagaRepositoryOptions().JsonOptions)!;

    private static string Describe(Dictionary<string, AttributeValue>? item) =>
        item is null ? "no item" : string.Join(", ", item.Select(a => $"{a.Key}={a.Value.S ?? a.Value.N}"));

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
