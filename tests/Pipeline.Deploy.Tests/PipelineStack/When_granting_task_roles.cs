using System.Text.Json;

namespace Pipeline.Deploy.Tests.PipelineStack;

[Collection(SynthesizedPipelineCollection.Name)]
public sealed class When_granting_task_roles(SynthesizedPipeline stack)
{
    /// <summary>
    /// The only actions allowed on every resource ("*"), each because the action takes no other: a statement outside
    /// this list that names "*" fails the test.
    /// </summary>
    private static readonly Dictionary<string, string> MayActOnEveryResource = new()
    {
        ["ecr:GetAuthorizationToken"] = "a registry login for the account; the task execution roles need it to pull the images",
        ["xray:PutTraceSegments"] = "X-Ray has no resource-level permissions; the collector sidecar sends the task's traces",
        ["xray:PutTelemetryRecords"] = "X-Ray has no resource-level permissions; the collector reports its own health",
        ["xray:GetSamplingRules"] = "X-Ray has no resource-level permissions; the collector reads the sampling rules",
        ["xray:GetSamplingTargets"] = "X-Ray has no resource-level permissions; the collector reads the sampling targets",
        ["cloudwatch:PutMetricData"] = "no resource-level permissions; the SageMaker execution role's is held to SageMaker's namespaces by a condition",
    };

    [Fact]
    public void Every_service_runs_under_a_task_role_of_its_own()
    {
        var roles = PipelineServices.All.Select(s => stack.TaskRoleOf(s.Queue)).ToList();

        Assert.Equal(PipelineServices.All.Count, roles.Distinct().Count());
        foreach (var role in roles)
        {
            var trust = Json.Text(stack.Properties(role).GetProperty("AssumeRolePolicyDocument"));
            Assert.Contains("ecs-tasks.amazonaws.com", trust, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_statement_allows_every_action_or_every_resource_unless_the_action_is_listed_with_its_reason()
    {
        var allows = stack.Statements().Select(s => s.Statement).Where(Json.IsAllow).ToList();
        Assert.NotEmpty(allows);

        foreach (var statement in allows)
        {
            var actions = Json.Actions(statement);
            Assert.DoesNotContain(actions, a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal));
            if (Json.Resources(statement).Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == "*"))
                Assert.All(actions, a => Assert.True(MayActOnEveryResource.ContainsKey(a), $"{a} is allowed on every resource (\"*\") without a reason"));
        }
    }

    [Fact]
    public void The_trainer_may_pass_only_the_sagemaker_execution_role_and_only_to_sagemaker()
    {
        var executionRole = stack.Resources("AWS::IAM::Role")
            .Single(r => Json.Text(r.Properties.GetProperty("AssumeRolePolicyDocument")).Contains("sagemaker.amazonaws.com", StringComparison.Ordinal)).Id;

        var passes = stack.StatementsOf(stack.TaskRoleOf(PipelineServices.Trainer.Queue))
            .Where(s => Json.Actions(s).Contains("iam:PassRole")).ToList();

        var pass = Assert.Single(passes);
        Assert.Equal(["iam:PassRole"], Json.Actions(pass));
        var resource = Assert.Single(Json.Resources(pass));
        Assert.True(Json.IsGetAtt(resource, executionRole), $"PassRole on {Json.Text(resource)}");
        Assert.Equal("sagemaker.amazonaws.com",
            pass.GetProperty("Condition").GetProperty("StringEquals").GetProperty("iam:PassedToService").GetString());
    }

    [Fact]
    public void Only_the_trainer_and_the_deployer_may_pass_a_role()
    {
        var passing = PipelineServices.All
            .Where(s => stack.StatementsOf(stack.TaskRoleOf(s.Queue)).Any(st => Json.Actions(st).Any(a => a.StartsWith("iam:", StringComparison.Ordinal))))
            .Select(s => s.Name);

        Assert.Equal(["Trainer", "Deployer"], passing);
    }

    [Fact]
    public void Only_the_coordinator_reaches_the_saga_table_and_only_to_read_and_write_items()
    {
        var reaching = PipelineServices.All
            .Select(s => (s.Name, Actions: stack.StatementsOf(stack.TaskRoleOf(s.Queue)).SelectMany(Json.Actions)
                .Where(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)).ToList()))
            .Where(s => s.Actions.Count > 0)
            .ToList();

        var coordinator = Assert.Single(reaching);
        Assert.Equal("Coordinator", coordinator.Name);
        Assert.Equal(["dynamodb:GetItem", "dynamodb:PutItem"], coordinator.Actions.Order());
    }

    [Fact]
    public void Each_service_may_call_sagemaker_only_as_its_code_does()
    {
        string[] Calls(PipelineService service) =>
        [
            .. stack.StatementsOf(stack.TaskRoleOf(service.Queue)).SelectMany(Json.Actions)
                .Where(a => a.StartsWith("sagemaker:", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal),
        ];

        Assert.Empty(Calls(PipelineServices.Coordinator));
        Assert.Empty(Calls(PipelineServices.Ingestor));
        Assert.Equal(["sagemaker:AddTags", "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"],
            Calls(PipelineServices.Trainer));
        Assert.Equal(["sagemaker:DescribeTrainingJob"], Calls(PipelineServices.JobWatcher));
        Assert.Equal(
            [
                "sagemaker:AddTags", "sagemaker:CreateEndpoint", "sagemaker:CreateEndpointConfig", "sagemaker:CreateModel",
                "sagemaker:DeleteEndpoint", "sagemaker:DeleteEndpointConfig", "sagemaker:DeleteModel", "sagemaker:DescribeEndpoint",
                "sagemaker:StopTransformJob",
            ],
            Calls(PipelineServices.Deployer));
        // Every Create carries the pipeline's tags, which SageMaker authorises as AddTags.
        Assert.Equal(["sagemaker:AddTags", "sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:InvokeEndpoint", "sagemaker:StopTransformJob"],
            Calls(PipelineServices.Evaluator));
    }
}
