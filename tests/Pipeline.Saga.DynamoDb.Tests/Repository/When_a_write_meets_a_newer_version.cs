using MassTransit;
using Pipeline.Saga.DynamoDb.Tests.Counter;
using Pipeline.Testing;

namespace Pipeline.Saga.DynamoDb.Tests.Repository;

/// <summary>The store alone, without a bus: what a writer that lost the race gets.</summary>
[Collection(MotoCollection.Name)]
public sealed class When_a_write_meets_a_newer_version(MotoServer moto) : IAsyncLifetime
{
    private SagaItems<CounterState> _items = null!;

    public async Task InitializeAsync()
    {
        var client = moto.CreateClient();
        var options = new DynamoDbSagaRepositoryOptions { TableName = await client.CreateSagaTableAsync() };
        _items = new SagaItems<CounterState>(client, options, TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stale_update_is_a_MassTransit_concurrency_exception_and_leaves_the_newer_item()
    {
        var id = Guid.NewGuid();
        await _items.Insert(new CounterState { CorrelationId = id, Count = 1 }, default);
        var first = (await _items.Load(id, default))!;
        var second = (await _items.Load(id, default))!;
        first.Count = 2;
        await _items.Update(first, default);

        second.Count = 3;
        var conflict = await Assert.ThrowsAsync<SagaVersionConflictException>(() => _items.Update(second, default));

        Assert.IsAssignableFrom<ConcurrencyException>(conflict);
        Assert.Equal((id, typeof(CounterState)), (conflict.CorrelationId, conflict.SagaType));
        Assert.Equal(1, second.Version);
        var stored = (await _items.Load(id, default))!;
        Assert.Equal((2, 2), (stored.Count, stored.Version));
    }

    [Fact]
    public async Task A_second_insert_of_one_saga_is_a_concurrency_exception()
    {
        var id = Guid.NewGuid();
        await _items.Insert(new CounterState { CorrelationId = id }, default);

        await Assert.ThrowsAsync<SagaVersionConflictException>(() => _items.Insert(new CounterState { CorrelationId = id }, default));
    }

    [Fact]
    public async Task A_finished_saga_loads_as_missing_and_its_id_can_start_a_new_one()
    {
        var id = Guid.NewGuid();
        await _items.Insert(new CounterState { CorrelationId = id }, default);
        await _items.Finish((await _items.Load(id, default))!, default);

        Assert.Null(await _items.Load(id, default));
        await _items.Insert(new CounterState { CorrelationId = id, Count = 9 }, default);
        Assert.Equal((9, 1), ((await _items.Load(id, default))!.Count, (await _items.Load(id, default))!.Version));
    }
}
