using Pipeline.Aws;
using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Tests.Transform;

public sealed class When_a_transform_request_is_invalid
{
    public static TheoryData<string, string> Invalid => new()
    {
        { "name", "transformJobName" },
        { "payload", "maxPayloadInMB" },
        { "payload-times-concurrency", "MaxConcurrentTransforms (20) * MaxPayloadInMB (6)" },
        { "strategy", "batchStrategy" },
        { "data-type", "transformInput.dataSource.s3DataSource.s3DataType" },
        { "uri", "transformInput.dataSource.s3DataSource.s3Uri" },
        { "split", "transformInput.splitType" },
        { "assemble", "transformOutput.assembleWith" },
        { "output", "transformOutput.s3OutputPath" },
        { "instances", "transformResources.instanceCount" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Is_refused_naming_the_member(string broken, string named)
    {
        await using var harness = await TransformHarness.StartAsync();
        var valid = TransformHarness.Request("valid", "s3://bucket/in/", "s3://bucket/out/");
        var request = broken switch
        {
            "name" => valid with { TransformJobName = "-starts-with-a-hyphen" },
            "payload" => valid with { MaxPayloadInMB = 101 },
            "payload-times-concurrency" => valid with { MaxConcurrentTransforms = 20 },
            "strategy" => valid with { BatchStrategy = "AllRecords" },
            "data-type" => valid with { TransformInput = valid.TransformInput! with { DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = "Folder", S3Uri = "s3://bucket/in/" } } } },
            "uri" => valid with { TransformInput = valid.TransformInput! with { DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = "S3Prefix", S3Uri = "/tmp/in" } } } },
            "split" => valid with { TransformInput = valid.TransformInput! with { SplitType = "Paragraph" } },
            "assemble" => valid with { TransformOutput = valid.TransformOutput! with { AssembleWith = "Comma" } },
            "output" => valid with { TransformOutput = valid.TransformOutput! with { S3OutputPath = null } },
            "instances" => valid with { TransformResources = new TransformResources { InstanceType = "ml.m5.large", InstanceCount = 0 } },
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => harness.Jobs.CreateTransformJobAsync(request, default));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.DescribeAsync("valid"));
    }

    [Fact]
    public async Task A_model_that_does_not_exist_is_refused()
    {
        await using var harness = await TransformHarness.StartAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => harness.Jobs.CreateTransformJobAsync(
            TransformHarness.Request("no-model", "s3://bucket/in/", "s3://bucket/out/") with { ModelName = "missing" }, default));

        Assert.Contains("Could not find model", refused.Message, StringComparison.Ordinal);
        Assert.Contains("model/missing", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_job_of_the_same_name_is_refused()
    {
        await using var harness = await TransformHarness.StartAsync();
        await harness.PutAsync("s3://bucket/in/a.csv", TransformHarness.Csv(harness.Model.Rows(3)));
        var request = TransformHarness.Request("twice", "s3://bucket/in/", "s3://bucket/out/");
        await harness.Jobs.CreateTransformJobAsync(request, default);

        await Assert.ThrowsAsync<ResourceInUseException>(() => harness.Jobs.CreateTransformJobAsync(request, default));
    }

    [Fact]
    public async Task An_unknown_job_is_not_found()
    {
        await using var harness = await TransformHarness.StartAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.DescribeAsync("unknown"));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            harness.Jobs.StopTransformJobAsync(new StopTransformJobRequest { TransformJobName = "unknown" }, default));
    }
}
