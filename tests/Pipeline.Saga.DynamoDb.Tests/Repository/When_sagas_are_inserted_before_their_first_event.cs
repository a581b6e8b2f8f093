using Pipeline.Saga.DynamoDb.Tests.Counter;
using Pipeline.Testing;

namespace Pipeline.Saga.DynamoDb.Tests.Repository;

/// <summary>InsertOnInitial: the repository inserts first; a lost insert race falls back to loading the winner.</summary>
[Collection(MotoCollection.Name)]
public sealed class When_sagas_are_inserted_before_their_first_event(MotoServer moto) : IAsyncLifetime
{
    private readonly Guid _id = Guid.NewGuid();
    private CounterBus _bus = null!;

    public async Task InitializeAsync() => _bus = await CounterBus.StartAsync<InsertingCounterStateMachine>(moto.CreateClient());

    public async Task DisposeAsync() => await _bus.DisposeAsync();

    [Fact]
    public async Task Ten_concurrent_first_events_make_one_saga_and_are_each_applied_once()
    {
        await Task.WhenAll(Enumerable.Range(1, 10).Select(_ => _bus.Publish(new StartCounter(_id))));
        var item = await _bus.ItemWhen(_id, i => CounterBus.State(i).Starts >= 10);

        Assert.Equal(10, CounterBus.State(item).Starts);
        // version 1 is the empty insert; each of the ten events then writes once
        Assert.Equal(11, CounterBus.Version(item));
    }
}
