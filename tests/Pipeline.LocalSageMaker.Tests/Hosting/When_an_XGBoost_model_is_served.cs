using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.LocalSageMaker.Tests.Transform;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

/// <summary>
/// Models trained here by Debian's XGBoost 1.7, served by LocalSageMaker's own tree evaluator: its scores must be
/// Booster.predict's for the same rows (1e-6 relative).
/// </summary>
public sealed class When_an_XGBoost_model_is_served
{
    private const string Image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

    [Theory]
    [InlineData("reg:squarederror")]
    [InlineData("binary:logistic")]
    [InlineData("binary:logitraw")]
    [InlineData("reg:logistic")]
    [InlineData("binary:hinge")]
    [InlineData("count:poisson")]
    [InlineData("reg:gamma")]
    [InlineData("reg:tweedie")]
    [InlineData("reg:squaredlogerror")]
    [InlineData("reg:pseudohubererror")]
    [InlineData("reg:absoluteerror")]
    public async Task Csv_rows_with_missing_values_get_Booster_predicts_scores_as_one_csv_line(string objective)
    {
        var model = await XGBoostTestModel.TrainAsync(objective);
        await using var harness = await HostingHarness.StartAsync();
        await DeployAsync(harness, model, "xgb");

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "xgb", Encoding.UTF8.GetBytes(model.Csv), "text/csv");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("text/csv", answer.ContentType);
        Assert.DoesNotContain('\n', answer.Body);
        model.AssertScores([.. answer.Body.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))]);
    }

    [Theory]
    [InlineData("reg:squarederror")]
    [InlineData("binary:logistic")]
    [InlineData("reg:tweedie")]
    public async Task Csv_rows_without_missing_values_on_split_conditions_get_Booster_predicts_scores(string objective)
    {
        var model = (await XGBoostTestModel.TrainAsync(objective)).CompleteRows!;
        await using var harness = await HostingHarness.StartAsync();
        await DeployAsync(harness, model, "xgb-complete");

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "xgb-complete", Encoding.UTF8.GetBytes(model.Csv), "text/csv");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        model.AssertScores([.. answer.Body.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))]);
    }

    [Fact]
    public async Task A_binary_logistic_model_answers_json_and_jsonlines_on_request()
    {
        var model = await XGBoostTestModel.TrainAsync("binary:logistic");
        await using var harness = await HostingHarness.StartAsync();
        await DeployAsync(harness, model, "xgb-json");
        var body = Encoding.UTF8.GetBytes(model.Csv);

        var json = await RuntimeCall.InvokeAsync(harness.Address, "xgb-json", body, "text/csv", accept: "application/json");
        var lines = await RuntimeCall.InvokeAsync(harness.Address, "xgb-json", body, "text/csv", accept: "application/jsonlines");

        Assert.Equal("application/json", json.ContentType);
        model.AssertScores([.. JsonDocument.Parse(json.Body).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("score").GetDouble())]);
        Assert.Equal("application/jsonlines", lines.ContentType);
        model.AssertScores([.. lines.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("score").GetDouble())]);
        Assert.All(model.Predictions, p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public async Task Libsvm_rows_score_as_the_same_rows_in_csv()
    {
        var model = await XGBoostTestModel.TrainAsync("reg:squarederror");
        await using var harness = await HostingHarness.StartAsync();
        await DeployAsync(harness, model, "xgb-libsvm");

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "xgb-libsvm", Encoding.UTF8.GetBytes(model.LibSvm), "text/libsvm");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        model.AssertScores([.. answer.Body.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))]);
    }

    [Fact]
    public async Task A_row_wider_than_the_model_is_refused_with_400()
    {
        var model = await XGBoostTestModel.TrainAsync("reg:squarederror");
        await using var harness = await HostingHarness.StartAsync();
        await DeployAsync(harness, model, "xgb-wide");

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "xgb-wide", "1,2,3,4\n1,2,3,4,5\n"u8.ToArray(), "text/csv");

        Assert.NotEqual(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Row 2 has 5 features", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multi:softprob", "gbtree", "num_class=3")]
    [InlineData("reg:squarederror", "dart", "gbtree models only")]
    [InlineData("reg:squarederror", "gblinear", "gbtree models only")]
    public async Task A_model_the_evaluator_cannot_answer_exactly_fails_the_endpoint_with_the_reason(string objective, string booster, string reason)
    {
        var model = await XGBoostTestModel.TrainAsync(objective, booster);
        await using var harness = await HostingHarness.StartAsync();
        var url = "s3://bucket/unsupported/model.tar.gz";
        await model.UploadAsync(harness.Store, url);
        await harness.CreateModelAsync("unsupported", url, Image);
        await harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("unsupported", "unsupported"), CancellationToken.None);
        await harness.Engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "unsupported", EndpointConfigName = "unsupported" }, CancellationToken.None);

        var ended = await harness.WaitWhileAsync("unsupported", HostedEndpoint.Creating);

        Assert.Equal(HostedEndpoint.Failed, ended.EndpointStatus);
        Assert.Contains("The XGBoost model in s3://bucket/unsupported/model.tar.gz cannot be served", ended.FailureReason, StringComparison.Ordinal);
        Assert.Contains(reason, ended.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reg:squarederror")]
    [InlineData("binary:logistic")]
    public async Task A_batch_transform_writes_Booster_predicts_scores_a_line_each(string objective)
    {
        var model = await XGBoostTestModel.TrainAsync(objective);
        await using var local = new LocalSageMakerUnderTest(TimeProvider.System);
        var url = "s3://bucket/models/xgb/model.tar.gz";
        await model.UploadAsync(local.Store, url);
        await local.Services.GetRequiredService<HostingEngine>().CreateModelAsync(new CreateModelRequest
        {
            ModelName = "xgb",
            ExecutionRoleArn = HostingHarness.Role,
            PrimaryContainer = new ContainerDefinition { Image = Image, ModelDataUrl = url },
        }, CancellationToken.None);
        await local.PutAsync("s3://bucket/in/rows.csv", Encoding.UTF8.GetBytes(model.Csv));
        var jobs = local.Services.GetRequiredService<Pipeline.LocalSageMaker.Api.ITransformJobApi>();

        // A request per row, so the answers are joined line by line.
        await jobs.CreateTransformJobAsync(
            TransformHarness.Request("xgb-batch", "s3://bucket/in/", "s3://bucket/out/", batchStrategy: "SingleRecord", accept: "text/csv") with { ModelName = "xgb" },
            CancellationToken.None);
        var ended = await EndOfAsync(jobs, "xgb-batch");

        Assert.True(ended.TransformJobStatus == "Completed", ended.FailureReason);
        var output = Encoding.UTF8.GetString(await local.GetAsync("s3://bucket/out/rows.csv.out"));
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        model.AssertScores([.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture))]);
    }

    private static async Task DeployAsync(HostingHarness harness, XGBoostTestModel model, string name)
    {
        var url = $"s3://bucket/{name}/model.tar.gz";
        await model.UploadAsync(harness.Store, url);
        await harness.CreateModelAsync(name, url, Image);
        await harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config(name, name), CancellationToken.None);
        await harness.Engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = name, EndpointConfigName = name }, CancellationToken.None);
        var status = await harness.WaitWhileAsync(name, HostedEndpoint.Creating);
        Assert.True(status.EndpointStatus == HostedEndpoint.InService, status.FailureReason);
    }

    private static async Task<DescribeTransformJobResponse> EndOfAsync(Pipeline.LocalSageMaker.Api.ITransformJobApi jobs, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var job = await jobs.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = name }, CancellationToken.None);
            if (job.TransformJobStatus is "Completed" or "Failed" or "Stopped" || DateTime.UtcNow > deadline)
                return job;
            await Task.Delay(10);
        }
    }
}
