using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace Pipeline.Saga.DynamoDb;

/// <summary>What MassTransit's saga pipes ask of the store while one message is consumed, mapped to conditional writes.</summary>
internal sealed class DynamoDbSagaRepositoryContext<TSaga, TMessage>(
    SagaItems<TSaga> items,
    ConsumeContext<TMessage> message,
    ISagaConsumeContextFactory<SagaItems<TSaga>, TSaga> factory)
    : ConsumeContextScope<TMessage>(message), SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    private readonly ConsumeContext<TMessage> _message = message;

    /// <summary>Used when the policy inserts before consuming (insert on initial): a lost race returns null, and the pipe loads the winner.</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        try
        {
            await items.Insert(instance, CancellationToken);
        }
        catch (SagaVersionConflictException)
        {
            return null!;
        }

        return await factory.CreateSagaConsumeContext(items, _message, instance, SagaConsumeContextMode.Insert);
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(items, _message, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await items.Load(correlationId, CancellationToken);
        return instance is null
            ? null!
            : await factory.CreateSagaConsumeContext(items, _message, instance, SagaConsumeContextMode.Load);
    }

    /// <summary>A saga added by this message: written only if nobody created it meanwhile.</summary>
    public Task Save(SagaConsumeContext<TSaga> context) => items.Insert(context.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<TSaga> context) => items.Update(context.Saga, CancellationToken);

    /// <summary>MassTransit deletes a completed saga; we keep its final state under a TTL instead.</summary>
    public Task Delete(SagaConsumeContext<TSaga> context) => items.Finish(context.Saga, CancellationToken);

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(items, consumeContext, instance, mode);
}

/// <summary>Loads a saga outside a message (ILoadSagaRepository, the test harness).</summary>
internal sealed class DynamoDbLoadSagaRepositoryContext<TSaga>(SagaItems<TSaga> items, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>
    where TSaga : class, ISagaVersion
{
    public async Task<TSaga> Load(Guid correlationId) => (await items.Load(correlationId, CancellationToken))!;
}
