using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MassTransit;

namespace Pipeline.Saga.DynamoDb;

/// <summary>Reads and writes the items of one saga type. Every write is conditional, so two writers never both win.</summary>
internal sealed class SagaItems<TSaga>(IAmazonDynamoDB client, DynamoDbSagaRepositoryOptions options, TimeProvider clock)
    where TSaga : class, ISagaVersion
{
    // Not yet written, or finished (a finished item waits for its TTL but counts as gone, as a deleted saga would).
    private const string Absent = $"attribute_not_exists(#key) OR attribute_exists(#expires)";
    private const string Unchanged = $"#v = :expected AND attribute_not_exists(#expires)";

    private readonly SemaphoreSlim? _writeTurn = options.WritesOneAtATime ? new SemaphoreSlim(1, 1) : null;

    /// <summary>The saga as last written, or null when there is none or it is finished.</summary>
    public async Task<TSaga?> Load(Guid correlationId, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = options.TableName,
            Key = SagaItem.KeyOf(correlationId),
            ConsistentRead = true,
        }, cancellationToken);
        var item = response.Item;
        if (item is null || item.Count == 0 || item.ContainsKey(SagaItem.ExpiresAt))
            return null;
        var saga = JsonSerializer.Deserialize<TSaga>(item[SagaItem.State].S, options.JsonOptions)
            ?? throw new InvalidDataException($"The item of saga {correlationId} in table '{options.TableName}' holds no state.");
        saga.Version = SagaItem.VersionOf(item);
        return saga;
    }

    /// <summary>Writes a new saga at version 1; a conflict if another message created it first.</summary>
    public Task Insert(TSaga saga, CancellationToken cancellationToken) =>
        Write(saga, 0, Absent, expiresAt: null, cancellationToken);

    /// <summary>Writes the next version of a loaded saga; a conflict if someone wrote it since it was loaded.</summary>
    public Task Update(TSaga saga, CancellationToken cancellationToken) =>
        Write(saga, saga.Version, Unchanged, expiresAt: null, cancellationToken);

    /// <summary>Writes the final state with a TTL; from then on the saga is gone for the bus.</summary>
    public Task Finish(TSaga saga, CancellationToken cancellationToken) =>
        Write(saga, saga.Version, Unchanged, clock.GetUtcNow().Add(options.FinishedRetention), cancellationToken);

    private async Task Write(TSaga saga, int expected, string condition, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        saga.Version = expected + 1;
        var item = new Dictionary<string, AttributeValue>(SagaItem.KeyOf(saga.CorrelationId))
        {
            [SagaItem.Version] = SagaItem.Number(saga.Version),
            [SagaItem.State] = new AttributeValue { S = JsonSerializer.Serialize(saga, options.JsonOptions) },
        };
        if (expiresAt is { } at)
            item[SagaItem.ExpiresAt] = SagaItem.Number(at.ToUnixTimeSeconds());

        var names = new Dictionary<string, string> { ["#expires"] = SagaItem.ExpiresAt };
        var values = new Dictionary<string, AttributeValue>();
        if (expected == 0)
            names["#key"] = SagaItem.Key;
        else
        {
            names["#v"] = SagaItem.Version;
            values[":expected"] = SagaItem.Number(expected);
        }

        var request = new PutItemRequest
        {
            TableName = options.TableName,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values.Count == 0 ? null : values,
        };
        if (_writeTurn is not null)
            await _writeTurn.WaitAsync(cancellationToken);
        try
        {
            await client.PutItemAsync(request, cancellationToken);
        }
        catch (ConditionalCheckFailedException exception)
        {
            saga.Version = expected;
            throw new SagaVersionConflictException(
                expected == 0 ? "The saga was created by another message first." : $"The saga changed after version {expected} was read.",
                typeof(TSaga), saga.CorrelationId, exception);
        }
        finally
        {
            _writeTurn?.Release();
        }
    }
}
