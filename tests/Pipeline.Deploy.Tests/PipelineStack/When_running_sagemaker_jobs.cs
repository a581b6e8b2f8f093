using System.Text.Json;

namespace Pipeline.Deploy.Tests.PipelineStack;

[Collection(SynthesizedPipelineCollection.Name)]
public sealed class When_running_sagemaker_jobs(SynthesizedPipeline stack)
{
    [Fact]
    public void The_execution_role_reaches_only_the_experiment_prefix_sagemakers_logs_and_its_metrics()
    {
        var role = stack.Resources("AWS::IAM::Role")
            .Single(r => Json.Text(r.Properties.GetProperty("AssumeRolePolicyDocument")).Contains("sagemaker.amazonaws.com", StringComparison.Ordinal)).Id;
        var prefix = stack.Settings.ExperimentPrefix;
        Assert.NotEmpty(stack.StatementsOf(role));

        foreach (var statement in stack.StatementsOf(role))
        {
            var actions = Json.Actions(statement);
            var resources = Json.Resources(statement).Select(Json.Text).ToList();
            switch (actions[0].Split(':')[0])
            {
                case "s3" when actions.SequenceEqual(["s3:ListBucket"]):
                    Assert.Equal(JsonSerializer.Serialize(new[] { prefix, prefix + "/*" }),
                        statement.GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
                    break;
                case "s3":
                    Assert.All(resources, r => Assert.Contains($"/{prefix}/*\"", r, StringComparison.Ordinal));
                    break;
                case "logs":
                    Assert.All(resources, r => Assert.Contains(":log-group:/aws/sagemaker/", r, StringComparison.Ordinal));
                    break;
                case "cloudwatch":
                    Assert.Equal("/aws/sagemaker/*",
                        statement.GetProperty("Condition").GetProperty("StringLike").GetProperty("cloudwatch:namespace").GetString());
                    break;
                default:
                    Assert.Fail($"The SageMaker execution role may also {string.Join(", ", actions)}");
                    break;
            }
        }
    }

    [Fact]
    public void Services_reach_objects_only_under_the_experiment_prefix()
    {
        foreach (var service in PipelineServices.All)
        {
            var objects = stack.StatementsOf(stack.TaskRoleOf(service.Queue))
                .Where(s => Json.Actions(s).Any(a => a.StartsWith("s3:", StringComparison.Ordinal) && a != "s3:ListBucket")).ToList();
            // The Ingestor writes the dataset and the Evaluator reads the test set: their roles must have object access to check.
            if (service == PipelineServices.Ingestor || service == PipelineServices.Evaluator)
                Assert.NotEmpty(objects);
            foreach (var statement in objects)
                Assert.All(Json.Resources(statement), r => Assert.Contains($"/{stack.Settings.ExperimentPrefix}/*\"", Json.Text(r), StringComparison.Ordinal));
        }
    }
}
