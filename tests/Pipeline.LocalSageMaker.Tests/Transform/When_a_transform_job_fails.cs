namespace Pipeline.LocalSageMaker.Tests.Transform;

public sealed class When_a_transform_job_fails
{
    [Fact]
    public async Task A_malformed_record_fails_the_job_naming_the_object_and_the_record()
    {
        await using var harness = await TransformHarness.StartAsync();
        await harness.PutAsync("s3://bucket/in/a.csv", TransformHarness.Csv(harness.Model.Rows(30, seed: 1)));
        var lines = TransformHarness.Csv(harness.Model.Rows(30, seed: 2)).Split('\n').ToList();
        lines[16] = "1,2,oops,4"; // record 17
        await harness.PutAsync("s3://bucket/in/b.csv", string.Join('\n', lines));

        await harness.Jobs.CreateTransformJobAsync(TransformHarness.Request("malformed", "s3://bucket/in/", "s3://bucket/out/", instances: 2), default);
        var ended = await harness.EndOfAsync("malformed");

        Assert.Equal("Failed", ended.TransformJobStatus);
        Assert.Contains("Record 17 of s3://bucket/in/b.csv", ended.FailureReason, StringComparison.Ordinal);
        Assert.Contains("'oops'", ended.FailureReason, StringComparison.Ordinal);
        Assert.NotNull(ended.TransformEndTime);
    }

    [Fact]
    public async Task A_record_over_the_payload_limit_fails_the_job_naming_it()
    {
        await using var harness = await TransformHarness.StartAsync(featureDim: 2);
        var huge = string.Join(',', Enumerable.Repeat("1.5", 400_000)); // 1.6 MB, more than 1 MB
        await harness.PutAsync("s3://bucket/in/a.csv", "1,2\n" + huge + "\n");

        await harness.Jobs.CreateTransformJobAsync(TransformHarness.Request("too-large", "s3://bucket/in/", "s3://bucket/out/", maxPayloadInMB: 1), default);
        var ended = await harness.EndOfAsync("too-large");

        Assert.Equal("Failed", ended.TransformJobStatus);
        Assert.Contains("Record 2 of s3://bucket/in/a.csv", ended.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_input_objects_fail_the_job()
    {
        await using var harness = await TransformHarness.StartAsync();

        await harness.Jobs.CreateTransformJobAsync(TransformHarness.Request("empty", "s3://bucket/nothing/", "s3://bucket/out/"), default);
        var ended = await harness.EndOfAsync("empty");

        Assert.Equal("Failed", ended.TransformJobStatus);
        Assert.Contains("No S3 objects found under S3 URL \"s3://bucket/nothing/\"", ended.FailureReason, StringComparison.Ordinal);
    }
}
