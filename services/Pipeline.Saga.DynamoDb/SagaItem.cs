using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Pipeline.Saga.DynamoDb;

/// <summary>The attributes of one saga's item: its correlation id (partition key), version, state as JSON, and a TTL once finished.</summary>
public static class SagaItem
{
    /// <summary>Partition key (S): the correlation id, as "D"-formatted Guid.</summary>
    public const string Key = "CorrelationId";

    /// <summary>(N) 1 when inserted, one more on every write; each write is conditional on the version it read.</summary>
    public const string Version = "Version";

    /// <summary>(S) The saga instance as System.Text.Json.</summary>
    public const string State = "SagaState";

    /// <summary>(N) Epoch seconds after which DynamoDB's TTL removes the item; present only once the saga is finished.</summary>
    public const string ExpiresAt = "ExpiresAt";

    internal static Dictionary<string, AttributeValue> KeyOf(Guid correlationId) => new()
    {
        [Key] = new AttributeValue { S = correlationId.ToString("D") },
    };

    internal static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    internal static int VersionOf(Dictionary<string, AttributeValue> item) =>
        int.Parse(item[Version].N, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
