using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Pipeline.Saga.DynamoDb;

/// <summary>Creates a saga table the repository can use: on-demand billing, TTL on <see cref="SagaItem.ExpiresAt"/>.</summary>
public static class SagaTable
{
    /// <summary>Creates the table if it is missing, waits until it is active and makes sure TTL is enabled. Safe to call at every start.</summary>
    public static async Task CreateIfMissingAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = tableName,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new AttributeDefinition(SagaItem.Key, ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement(SagaItem.Key, KeyType.HASH)],
            }, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // created already, by an earlier start or another process starting at the same time
        }

        await WaitUntilActiveAsync(client, tableName, cancellationToken);
        await EnableTtlAsync(client, tableName, cancellationToken);
    }

    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var table = (await client.DescribeTableAsync(tableName, cancellationToken)).Table;
            if (table.TableStatus == TableStatus.ACTIVE)
                return;
            if (attempt == 120)
                throw new InvalidOperationException($"The DynamoDB saga table '{tableName}' is still {table.TableStatus} after a minute.");
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static async Task EnableTtlAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var ttl = (await client.DescribeTimeToLiveAsync(tableName, cancellationToken)).TimeToLiveDescription;
        if (ttl?.AttributeName == SagaItem.ExpiresAt && (ttl.TimeToLiveStatus == TimeToLiveStatus.ENABLED || ttl.TimeToLiveStatus == TimeToLiveStatus.ENABLING))
            return;
        await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = tableName,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = SagaItem.ExpiresAt, Enabled = true },
        }, cancellationToken);
    }
}
