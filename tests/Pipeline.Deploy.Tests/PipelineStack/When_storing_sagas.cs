using Amazon.CDK.Assertions;
using Pipeline.Saga.DynamoDb;

namespace Pipeline.Deploy.Tests.PipelineStack;

[Collection(SynthesizedPipelineCollection.Name)]
public sealed class When_storing_sagas(SynthesizedPipeline stack)
{
    [Fact]
    public void The_saga_table_is_keyed_as_the_repository_writes_and_expires_finished_sagas_by_ttl()
    {
        stack.Template.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["KeySchema"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = SagaItem.Key, ["KeyType"] = "HASH" } },
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = SagaItem.ExpiresAt, ["Enabled"] = true },
            ["BillingMode"] = "PAY_PER_REQUEST",
        });
    }

    [Fact]
    public void The_coordinator_uses_the_stacks_table_and_does_not_create_one()
    {
        var table = Assert.Single(stack.Resources("AWS::DynamoDB::Table")).Id;
        var settings = When_configuring_containers.Environment(stack.ContainerOf(PipelineServices.Coordinator.Queue, PipelineServices.Coordinator.Queue));

        Assert.Equal("DynamoDb", settings["Saga__Store"]);
        // A reference, not the name: the Coordinator starts only once the table exists.
        Assert.Equal(table, Json.Ref(System.Text.Json.JsonDocument.Parse(settings["Saga__DynamoDb__TableName"]).RootElement));
        Assert.Equal("false", settings["Saga__DynamoDb__CreateTable"]);
        Assert.False(settings.ContainsKey("Saga__DynamoDb__WritesOneAtATime")); // DynamoDB's conditional writes are atomic; only moto needs it
    }
}
