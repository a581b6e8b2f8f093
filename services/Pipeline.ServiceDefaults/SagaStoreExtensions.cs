using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Saga.DynamoDb;

namespace Pipeline.ServiceDefaults;

public static class SagaStoreExtensions
{
    /// <summary>
    /// Reads <c>Saga:Store</c> (validated at start) and registers what it needs: for DynamoDb the client and, with
    /// <c>Saga:DynamoDb:CreateTable</c>, the table's creation before the bus starts. Call before AddPipelineMessaging.
    /// </summary>
    public static SagaStoreOptions AddPipelineSagaStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SagaStoreOptions>()
            .BindConfiguration(SagaStoreOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var store = configuration.GetSection(SagaStoreOptions.Section).Get<SagaStoreOptions>() ?? new SagaStoreOptions();
        if (store.Store != SagaStoreOptions.DynamoDbStore)
            return store;

        services.TryAddKeyedSingleton<IAmazonDynamoDB>(SagaStoreOptions.Section, (provider, _) =>
            CreateClient(provider.GetRequiredService<IOptions<SagaStoreOptions>>().Value.DynamoDb, provider.GetService<AWSCredentials>()));
        if (store.DynamoDb.CreateTable)
            services.AddHostedService<SagaTableCreation>();
        return store;
    }

    /// <summary>Keeps the saga where <paramref name="store"/> says: in memory, or one item per saga in the DynamoDB table.</summary>
    public static ISagaRegistrationConfigurator<TSaga> InPipelineSagaStore<TSaga>(this ISagaRegistrationConfigurator<TSaga> saga, SagaStoreOptions store)
        where TSaga : class, ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(store);
        if (store.Store != SagaStoreOptions.DynamoDbStore)
            return saga.InMemoryRepository();
        return saga.DynamoDbRepository(
            r => (r.TableName, r.WritesOneAtATime) = (store.DynamoDb.TableName, store.DynamoDb.WritesOneAtATime),
            provider => provider.GetRequiredKeyedService<IAmazonDynamoDB>(SagaStoreOptions.Section));
    }

    /// <summary>With the given credentials, or the SDK's standard chain when there are none.</summary>
    private static AmazonDynamoDBClient CreateClient(DynamoDbSagaStoreOptions options, AWSCredentials? credentials)
    {
        var config = new AmazonDynamoDBConfig();
        if (string.IsNullOrEmpty(options.ServiceUrl))
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    /// <summary>Creates the saga table when it is missing, before the bus receives its first message.</summary>
    private sealed class SagaTableCreation(
        [FromKeyedServices(SagaStoreOptions.Section)] IAmazonDynamoDB client,
        IOptions<SagaStoreOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            SagaTable.CreateIfMissingAsync(client, options.Value.DynamoDb.TableName, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
