using Amazon.DynamoDBv2;
using Pipeline.Testing;

namespace Pipeline.Saga.DynamoDb.Tests.Table;

[Collection(MotoCollection.Name)]
public sealed class When_the_saga_table_is_created(MotoServer moto)
{
    private readonly IAmazonDynamoDB _client = moto.CreateClient();

    [Fact]
    public async Task It_is_on_demand_keyed_by_correlation_id_with_TTL_on_ExpiresAt()
    {
        var name = await _client.CreateSagaTableAsync();

        var table = (await _client.DescribeTableAsync(name)).Table;
        var ttl = (await _client.DescribeTimeToLiveAsync(name)).TimeToLiveDescription;

        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary.BillingMode);
        Assert.Equal((SagaItem.Key, KeyType.HASH), (table.KeySchema.Single().AttributeName, table.KeySchema.Single().KeyType));
        Assert.Equal((SagaItem.ExpiresAt, TimeToLiveStatus.ENABLED), (ttl.AttributeName, ttl.TimeToLiveStatus));
    }

    [Fact]
    public async Task Creating_it_again_at_the_next_start_succeeds_and_keeps_its_items()
    {
        var name = await _client.CreateSagaTableAsync();
        await _client.PutItemAsync(name, new() { [SagaItem.Key] = new() { S = "kept" } });

        await SagaTable.CreateIfMissingAsync(_client, name);

        Assert.Equal(1, (await _client.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = name })).Count);
    }
}
