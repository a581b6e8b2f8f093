using System.Text.Json;
using Pipeline.Contracts;
using Pipeline.Coordinator;
using Pipeline.Testing;

namespace Pipeline.Saga.DynamoDb.Tests.Repository;

/// <summary>The coordinator's real saga state fits the store: what is loaded is what was written.</summary>
[Collection(MotoCollection.Name)]
public sealed class When_the_experiment_saga_is_stored(MotoServer moto)
{
    [Fact]
    public async Task ExperimentState_round_trips_with_its_spec_variants_and_outcome()
    {
        var client = moto.CreateClient();
        var options = new DynamoDbSagaRepositoryOptions { TableName = await client.CreateSagaTableAsync() };
        var items = new SagaItems<ExperimentState>(client, options, TimeProvider.System);
        var state = new ExperimentState
        {
            CorrelationId = Guid.NewGuid(),
            CurrentState = "Training",
            Spec = new ExperimentSpec { Bucket = "bucket", RoleArn = "arn:aws:iam::123456789012:role/r" },
            Variants = [new VariantProgress { Name = "sharded", InstanceCount = 2, Names = new ResourceNames("t", "m", "c", "e"), TrainingRequested = true }],
            StageTimeoutTokenId = Guid.NewGuid(),
            Outcome = ExperimentOutcome.Failed,
            EndReason = "quota",
            TornDown = ["e"],
        };

        await items.Insert(state, default);
        var loaded = await items.Load(state.CorrelationId, default);

        Assert.NotNull(loaded);
        Assert.Equal(1, loaded.Version);
        Assert.Equal(JsonSerializer.Serialize(state, options.JsonOptions), JsonSerializer.Serialize(loaded, options.JsonOptions));
    }
}
