using Amazon.DynamoDBv2;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pipeline.Saga.DynamoDb;

public static class DynamoDbSagaRepositoryRegistrationExtensions
{
    /// <summary>
    /// Keeps this saga in DynamoDB: <c>x.AddSagaStateMachine&lt;M, S&gt;().DynamoDbRepository(r => r.TableName = "sagas")</c>.
    /// The <see cref="IAmazonDynamoDB"/> client comes from the container unless <paramref name="client"/> is given.
    /// Retry <see cref="ConcurrencyException"/> on the saga's endpoint (UseMessageRetry) so version conflicts are re-read and re-applied.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> DynamoDbRepository<TSaga>(
        this ISagaRegistrationConfigurator<TSaga> configurator,
        Action<DynamoDbSagaRepositoryOptions> configure,
        Func<IServiceProvider, IAmazonDynamoDB>? client = null)
        where TSaga : class, ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DynamoDbSagaRepositoryOptions();
        configure(options);
        options.Validate(typeof(TSaga).Name);
        client ??= provider => provider.GetRequiredService<IAmazonDynamoDB>();

        configurator.Repository(repository =>
        {
            repository.TryAddSingleton(provider =>
                new SagaItems<TSaga>(client(provider), options, provider.GetService<TimeProvider>() ?? TimeProvider.System));
            repository.RegisterLoadSagaRepository<TSaga, DynamoDbSagaRepositoryContextFactory<TSaga>>();
            repository.RegisterSagaRepository<TSaga, SagaItems<TSaga>, SagaConsumeContextFactory<SagaItems<TSaga>, TSaga>,
                DynamoDbSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
