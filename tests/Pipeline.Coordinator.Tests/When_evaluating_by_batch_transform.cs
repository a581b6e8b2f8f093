using Pipeline.Contracts;

namespace Pipeline.Coordinator.Tests;

/// <summary>The XGBoost blog's way: each model is created alone and scored by a batch transform job; no endpoint.</summary>
public sealed class When_evaluating_by_batch_transform
{
    private static ExperimentSpec BatchTransformSpec() => Specs.Valid() with
    {
        Evaluation = new EvaluationSpec { Method = EvaluationMethods.BatchTransform, TransformInstanceType = "ml.c5.xlarge", TransformInstanceCount = 2 },
    };

    [Fact]
    public async Task Deploys_models_only_and_evaluates_each_once_every_model_is_created()
    {
        await using var h = await CoordinatorHarness.StartAsync(BatchTransformSpec());
        await h.TrainAll();
        var deploys = await h.Sent<DeployModel>(2);
        Assert.All(deploys, d => Assert.True(d.ModelOnly, $"{d.Variant}: an endpoint would be deployed"));

        await h.ModelCreated("replicated");
        await h.ModelCreated("replicated"); // redelivered
        await h.Consumed<ModelCreated>(2);
        Assert.Equal(0, h.SentCount<EvaluateEndpoint>());
        Assert.Equal(h.Machine.Deploying.Name, h.Instance!.CurrentState);
        await h.ModelCreated("sharded");
        await h.WaitFor(m => m.Evaluating);
        await h.ModelCreated("sharded"); // late and twice: no second round of evaluations
        await h.Consumed<ModelCreated>(4);

        var evaluations = await h.Sent<EvaluateEndpoint>(2);
        Assert.Equal(2, evaluations.Count);
        Assert.Equal(["replicated", "sharded"], evaluations.Select(e => e.Variant).Order());
        Assert.All(evaluations, e =>
        {
            Assert.Equal(EvaluationMethods.BatchTransform, e.Method);
            Assert.Equal("ml.c5.xlarge", e.TransformInstanceType);
            Assert.Equal(2, e.TransformInstanceCount);
        });
    }

    [Fact]
    public async Task Tears_down_the_models_and_says_so()
    {
        await using var h = await CoordinatorHarness.StartAsync(BatchTransformSpec());
        await h.TrainAll();
        await h.ModelCreated("replicated");
        await h.ModelCreated("sharded");
        await h.WaitFor(m => m.Evaluating);
        await h.Evaluated("replicated", mse: 3.0);
        await h.Evaluated("sharded", mse: 3.3);
        await h.WaitFor(m => m.TearingDown);
        var teardowns = await h.Sent<TeardownEndpoint>(2);
        Assert.Equal(new[] { h.Names("replicated").Model, h.Names("sharded").Model }.Order(), teardowns.Select(t => t.ModelName).Order());
        await h.Deleted("replicated");
        await h.Deleted("sharded");

        var state = await h.WaitFor(m => m.Completed);
        Assert.Contains($"model {h.Names("sharded").Model}", state.TornDown);
        Assert.DoesNotContain(state.TornDown, t => t.StartsWith("endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_created_after_teardown_began_is_deleted_again()
    {
        await using var h = await CoordinatorHarness.StartAsync(BatchTransformSpec());
        await h.TrainAll();
        await h.ModelCreated("replicated");
        await h.Cancel();
        await h.WaitFor(m => m.TearingDown);
        Assert.Equal(2, (await h.Sent<TeardownEndpoint>(2)).Count);

        await h.ModelCreated("sharded");
        var again = await h.Sent<TeardownEndpoint>(3);
        Assert.Equal(3, again.Count);
        Assert.Equal(h.Names("sharded").Model, again[2].ModelName);
    }

    [Fact]
    public async Task The_notebooks_spec_still_deploys_endpoints_and_evaluates_them_as_the_spec_says()
    {
        await using var h = await CoordinatorHarness.StartAsync();
        await h.TrainAll();
        Assert.All(await h.Sent<DeployModel>(2), d => Assert.False(d.ModelOnly));
        await h.InService("replicated");
        await h.InService("sharded");
        var evaluations = await h.Sent<EvaluateEndpoint>(2);
        Assert.All(evaluations, e =>
        {
            Assert.Equal(EvaluationMethods.Endpoint, e.Method);
            Assert.Null(e.TransformInstanceType);
        });
    }
}
