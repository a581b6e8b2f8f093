using Pipeline.Saga.DynamoDb.Tests.Counter;
using Pipeline.Testing;

namespace Pipeline.Saga.DynamoDb.Tests.Repository;

[Collection(MotoCollection.Name)]
public sealed class When_events_for_one_saga_race(MotoServer moto) : IAsyncLifetime
{
    private readonly Guid _id = Guid.NewGuid();
    private CounterBus _bus = null!;

    public async Task InitializeAsync() => _bus = await CounterBus.StartAsync(moto.CreateClient());

    public async Task DisposeAsync() => await _bus.DisposeAsync();

    [Fact]
    public async Task Thirty_concurrent_events_are_each_applied_once()
    {
        await _bus.Publish(new StartCounter(_id));
        await _bus.ItemWhen(_id, _ => true);

        await Task.WhenAll(Enumerable.Range(1, 30).Select(step => _bus.Publish(new IncrementCounter(_id, step))));
        var item = await _bus.ItemWhen(_id, i => CounterBus.State(i).Count >= 30);

        var state = CounterBus.State(item);
        Assert.Equal(30, state.Count);
        Assert.Equal(Enumerable.Range(1, 30), state.Steps.Order());
        Assert.Equal(31, CounterBus.Version(item));
    }

    [Fact]
    public async Task Concurrent_first_events_create_one_saga_and_are_each_applied_once()
    {
        await Task.WhenAll(Enumerable.Range(1, 10).Select(_ => _bus.Publish(new StartCounter(_id))));
        var item = await _bus.ItemWhen(_id, i => CounterBus.State(i).Starts >= 10);

        Assert.Equal(10, CounterBus.State(item).Starts);
        Assert.Equal(10, CounterBus.Version(item));
    }
}
