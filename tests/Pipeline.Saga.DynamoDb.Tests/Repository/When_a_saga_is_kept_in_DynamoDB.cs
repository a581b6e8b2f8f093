using MassTransit;
using Pipeline.Saga.DynamoDb.Tests.Counter;
using Pipeline.Testing;

namespace Pipeline.Saga.DynamoDb.Tests.Repository;

[Collection(MotoCollection.Name)]
public sealed class When_a_saga_is_kept_in_DynamoDB(MotoServer moto) : IAsyncLifetime
{
    private readonly Guid _id = Guid.NewGuid();
    private CounterBus _bus = null!;

    public async Task InitializeAsync() => _bus = await CounterBus.StartAsync(moto.CreateClient());

    public async Task DisposeAsync() => await _bus.DisposeAsync();

    [Fact]
    public async Task Its_first_event_creates_the_item_at_version_1()
    {
        await _bus.Publish(new StartCounter(_id));

        var item = await _bus.ItemWhen(_id, _ => true);

        Assert.Equal(1, CounterBus.Version(item));
        var state = CounterBus.State(item);
        Assert.Equal((_id, "Counting", 1), (state.CorrelationId, state.CurrentState, state.Starts));
        Assert.False(item.ContainsKey(SagaItem.ExpiresAt));
    }

    [Fact]
    public async Task A_later_event_updates_the_item_and_increments_the_version()
    {
        await _bus.Publish(new StartCounter(_id));
        await _bus.ItemWhen(_id, _ => true);

        await _bus.Publish(new IncrementCounter(_id, 7));
        var item = await _bus.ItemWhen(_id, i => CounterBus.State(i).Count == 1);

        Assert.Equal(2, CounterBus.Version(item));
        Assert.Equal([7], CounterBus.State(item).Steps);
    }

    [Fact]
    public async Task Finishing_keeps_the_final_state_under_a_TTL_and_later_events_find_no_saga()
    {
        await _bus.Publish(new StartCounter(_id));
        await _bus.ItemWhen(_id, _ => true);

        await _bus.Publish(new FinishCounter(_id));
        var item = await _bus.ItemWhen(_id, i => i.ContainsKey(SagaItem.ExpiresAt));

        Assert.Equal(2, CounterBus.Version(item));
        Assert.Equal("Final", CounterBus.State(item).CurrentState);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(item[SagaItem.ExpiresAt].N, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(5));

        // A finished saga is gone for the bus, as a deleted one would be: CheckCounter faults on a missing saga.
        await _bus.Publish(new CheckCounter(_id));
        Assert.Contains(await _bus.Harness.WaitForPublished<Fault<CheckCounter>>(), f => f.Message.CounterId == _id);
        Assert.Equal(2, CounterBus.Version((await _bus.Item(_id))!));
    }

    [Fact]
    public async Task A_missing_saga_on_a_discarding_event_writes_nothing()
    {
        await _bus.Publish(new IncrementCounter(_id, 1));

        // Once the event is handled (discarded), nothing more comes of it: no fault, no item.
        var consumed = await _bus.Harness.Consumed.WaitForConsumed<IncrementCounter>(match: m => m.Context.Message.CounterId == _id,
            within: CounterBus.WaitLimit);
        Assert.Null(consumed[0].Exception);
        Assert.Empty(_bus.Harness.PublishedSoFar<Fault<IncrementCounter>>());
        Assert.Null(await _bus.Item(_id));
    }

    [Fact]
    public async Task A_missing_saga_on_a_faulting_event_publishes_its_fault_and_writes_nothing()
    {
        await _bus.Publish(new CheckCounter(_id));

        Assert.Contains(await _bus.Harness.WaitForPublished<Fault<CheckCounter>>(), f => f.Message.CounterId == _id);
        Assert.Null(await _bus.Item(_id));
    }
}
