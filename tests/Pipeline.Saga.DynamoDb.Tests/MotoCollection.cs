using Amazon.DynamoDBv2;
using Pipeline.Testing;

namespace Pipeline.Saga.DynamoDb.Tests;

/// <summary>One moto_server (it serves DynamoDB too) for every test class here.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}

internal static class MotoDynamoDb
{
    public static IAmazonDynamoDB CreateClient(this MotoServer moto) => new AmazonDynamoDBClient(MotoServer.Credentials,
        new AmazonDynamoDBConfig
        {
            ServiceURL = moto.EndpointUrl,
            AuthenticationRegion = MotoServer.Region,
            HttpClientFactory = new OneRequestAtATime(),
        });

    /// <summary>A fresh table of its own for one test.</summary>
    public static async Task<string> CreateSagaTableAsync(this IAmazonDynamoDB client)
    {
        var name = $"sagas-{Guid.NewGuid():N}";
        await SagaTable.CreateIfMissingAsync(client, name);
        return name;
    }
}
