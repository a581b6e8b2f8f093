using Amazon.Runtime;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Server;

namespace Pipeline.LocalSageMaker.Tests.Transform;

public sealed class When_a_client_drives_transform_over_HTTP
{
    [Fact]
    public async Task SageMakerClient_creates_describes_and_is_refused_as_the_service_answers()
    {
        await using var harness = await TransformHarness.StartAsync();
        await using var server = new LocalSageMakerServer(harness.Local.Services);
        var address = await server.StartAsync();
        using var clients = new AwsClients(
            new AwsClientOptions { Region = "us-east-1", SageMakerServiceUrl = address.ToString(), MaxAttempts = 1 },
            new AwsCredentialsSource(new BasicAWSCredentials("test", "test")));
        var rows = harness.Model.Rows(12);
        await harness.PutAsync("s3://bucket/http/in.csv", TransformHarness.Csv(rows));

        var created = await clients.SageMaker.CreateTransformJobAsync(TransformHarness.Request("over-http", "s3://bucket/http/", "s3://bucket/http-out/"));
        DescribeTransformJobResponse described;
        do
        {
            described = await clients.SageMaker.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = "over-http" });
        }
        while (described.TransformJobStatus == "InProgress" && await Delay());
        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            clients.SageMaker.StopTransformJobAsync(new StopTransformJobRequest { TransformJobName = "never-created" }));

        Assert.Equal(created.TransformJobArn, described.TransformJobArn);
        Assert.Equal("Completed", described.TransformJobStatus);
        Assert.Equal("Line", described.TransformInput!.SplitType);
        Assert.Equal(rows.Length, TransformHarness.JsonLinesScores(await harness.GetTextAsync("s3://bucket/http-out/in.csv.out")).Length);
        Assert.Contains("never-created", missing.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(10);
        return true;
    }
}
