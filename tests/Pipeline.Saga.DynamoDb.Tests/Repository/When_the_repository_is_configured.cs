using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Saga.DynamoDb.Tests.Counter;

namespace Pipeline.Saga.DynamoDb.Tests.Repository;

public sealed class When_the_repository_is_configured
{
    [Fact]
    public void A_missing_table_name_fails_at_registration_naming_the_setting_and_the_saga()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddMassTransit(bus =>
            bus.AddSagaStateMachine<CounterStateMachine, CounterState>().DynamoDbRepository(_ => { })));

        Assert.Contains("TableName", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CounterState), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_retention_fails_at_registration_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddMassTransit(bus =>
            bus.AddSagaStateMachine<CounterStateMachine, CounterState>()
                .DynamoDbRepository(r => (r.TableName, r.FinishedRetention) = ("sagas", TimeSpan.FromDays(-1)))));

        Assert.Contains("FinishedRetention", error.Message, StringComparison.Ordinal);
    }
}
