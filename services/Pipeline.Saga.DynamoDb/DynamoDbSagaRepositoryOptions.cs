using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Saga.DynamoDb;

/// <summary>Where and how one saga type is kept in DynamoDB; set in <c>.DynamoDbRepository(r => ...)</c>.</summary>
public sealed class DynamoDbSagaRepositoryOptions
{
    /// <summary>The table, with a string partition key named <see cref="SagaItem.Key"/> (see <see cref="SagaTable.CreateIfMissingAsync"/>).</summary>
    public string TableName { get; set; } = "";

    /// <summary>How long a finished saga's item stays before DynamoDB's TTL removes it (it is invisible to the bus at once).</summary>
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Sends this process's writes one at a time: for a stand-in of DynamoDB that checks a write's condition and then
    /// writes in two steps, so two racing writes can both pass (moto_server). DynamoDB itself needs none of it.
    /// </summary>
    public bool WritesOneAtATime { get; set; }

    /// <summary>How the saga state is written to the item's JSON attribute; enums as names so the item reads well.</summary>
    public JsonSerializerOptions JsonOptions { get; set; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    internal void Validate(string sagaType)
    {
        if (string.IsNullOrWhiteSpace(TableName))
            throw new ArgumentException($"The DynamoDB saga repository of {sagaType} needs a TableName (r.TableName = \"...\").");
        if (TableName.Length is < 3 or > 255)
            throw new ArgumentException($"The DynamoDB saga repository of {sagaType}: TableName '{TableName}' must be 3 to 255 characters long.");
        if (FinishedRetention < TimeSpan.Zero)
            throw new ArgumentException($"The DynamoDB saga repository of {sagaType}: FinishedRetention {FinishedRetention} must not be negative.");
    }
}
