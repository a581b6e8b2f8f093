using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Pipeline.Coordinator;
using Pipeline.Saga.DynamoDb;

namespace Pipeline.Cli.Sweep;

public enum ExperimentStatus
{
    /// <summary>The saga store has it in a stage that may still use its resources.</summary>
    Running,

    /// <summary>Completed, failed or cancelled: nothing of it should be left.</summary>
    Finished,

    /// <summary>No saga store to ask, or the store has never heard of it (or forgot it after its retention).</summary>
    Unknown,
}

/// <summary>Where the sweeper learns whether an experiment still runs.</summary>
public interface IExperimentStatusSource
{
    /// <summary>Says where it looks, for the sweep's first line.</summary>
    string Description { get; }

    Task<ExperimentStatus> StatusOfAsync(Guid experimentId, CancellationToken cancellationToken);
}

/// <summary>No saga store: every experiment is unknown (an embedded run keeps its saga in its own memory).</summary>
public sealed class NoExperimentStatus : IExperimentStatusSource
{
    public string Description => "no saga store configured (Saga:Store InMemory): every experiment counts as unknown";

    public Task<ExperimentStatus> StatusOfAsync(Guid experimentId, CancellationToken cancellationToken) => Task.FromResult(ExperimentStatus.Unknown);
}

/// <summary>
/// The Coordinator's DynamoDB saga table: an item with a TTL is a finished saga; otherwise its state's CurrentState says
/// whether the experiment has reached one of its ends.
/// </summary>
public sealed class DynamoDbExperimentStatus(IAmazonDynamoDB dynamoDb, string tableName) : IExperimentStatusSource
{
    // A finalized saga is written with its TTL, caught above; these are the ends kept so late news can be answered.
    private static readonly string[] Ends =
        [nameof(ExperimentStateMachine.Completed), nameof(ExperimentStateMachine.Failed), nameof(ExperimentStateMachine.Cancelled)];

    public string Description => $"the saga table '{tableName}'";

    public async Task<ExperimentStatus> StatusOfAsync(Guid experimentId, CancellationToken cancellationToken)
    {
        var item = (await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue> { [SagaItem.Key] = new() { S = experimentId.ToString("D") } },
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false)).Item;
        if (item is null || item.Count == 0)
            return ExperimentStatus.Unknown;
        if (item.ContainsKey(SagaItem.ExpiresAt))
            return ExperimentStatus.Finished;
        // An item this sweep cannot read counts as running: its resources are kept, never deleted on a guess.
        if (!item.TryGetValue(SagaItem.State, out var json) || json.S is null)
            return ExperimentStatus.Running;
        try
        {
            using var state = JsonDocument.Parse(json.S);
            return state.RootElement.TryGetProperty(nameof(ExperimentState.CurrentState), out var current)
                   && current.ValueKind == JsonValueKind.String && Ends.Contains(current.GetString())
                ? ExperimentStatus.Finished
                : ExperimentStatus.Running;
        }
        catch (JsonException)
        {
            return ExperimentStatus.Running;
        }
    }
}
