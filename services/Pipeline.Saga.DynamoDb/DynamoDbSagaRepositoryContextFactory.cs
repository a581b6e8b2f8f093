using MassTransit;
using MassTransit.Saga;

namespace Pipeline.Saga.DynamoDb;

/// <summary>Gives MassTransit's saga pipeline a repository context per message, over one saga type's items.</summary>
internal sealed class DynamoDbSagaRepositoryContextFactory<TSaga>(
    SagaItems<TSaga> items,
    ISagaConsumeContextFactory<SagaItems<TSaga>, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        next.Send(new DynamoDbSagaRepositoryContext<TSaga, T>(items, context, factory));

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        throw new NotSupportedException(
            $"The DynamoDB saga repository of {typeof(TSaga).Name} finds sagas by correlation id only; correlate {typeof(T).Name} by id.");

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new DynamoDbLoadSagaRepositoryContext<TSaga>(items, cancellationToken));

    public void Probe(ProbeContext context) => context.Add("persistence", "dynamodb");
}
