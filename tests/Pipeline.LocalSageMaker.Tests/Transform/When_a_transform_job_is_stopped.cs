using Pipeline.Aws;
using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Tests.Transform;

public sealed class When_a_transform_job_is_stopped
{
    [Fact]
    public async Task Goes_from_InProgress_through_Stopping_to_Stopped_without_output()
    {
        // Instances take ten minutes to start: the job is still InProgress when the stop arrives.
        await using var harness = await TransformHarness.StartAsync(settings: new() { ["LocalSageMaker:Transform:InstanceStartDelay"] = "00:10:00" });
        await harness.PutAsync("s3://bucket/in/a.csv", TransformHarness.Csv(harness.Model.Rows(5)));
        await harness.Jobs.CreateTransformJobAsync(TransformHarness.Request("to-stop", "s3://bucket/in/", "s3://bucket/out/"), default);
        Assert.Equal("InProgress", (await harness.DescribeAsync("to-stop")).TransformJobStatus);

        await harness.Jobs.StopTransformJobAsync(new StopTransformJobRequest { TransformJobName = "to-stop" }, default);
        var status = (await harness.DescribeAsync("to-stop")).TransformJobStatus;
        var ended = await harness.EndOfAsync("to-stop");

        Assert.Contains(status, new[] { "Stopping", "Stopped" });
        Assert.Equal("Stopped", ended.TransformJobStatus);
        Assert.NotNull(ended.TransformEndTime);
        await Assert.ThrowsAsync<FileNotFoundException>(() => harness.GetTextAsync("s3://bucket/out/a.csv.out"));
        var again = await Assert.ThrowsAsync<ValidationException>(() =>
            harness.Jobs.StopTransformJobAsync(new StopTransformJobRequest { TransformJobName = "to-stop" }, default));
        Assert.Contains("Stopped", again.Message, StringComparison.Ordinal);
    }
}
