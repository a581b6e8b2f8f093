using System.Text.Json;
using Amazon.Runtime;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;

namespace Pipeline.Aws.Tests.Http;

public sealed class When_a_json_request_is_sent
{
    [Fact]
    public async Task SageMaker_names_the_operation_in_X_Amz_Target_as_JSON_1_1()
    {
        using var server = new RecordingHttpServer(Reply.Ok("""{"TrainingJobName":"job-1","TrainingJobStatus":"InProgress","CreationTime":1700000000.5}"""));
        using var clients = LoopbackClients.For(server);

        var answer = await clients.SageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "job-1" });

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.RawPath);
        Assert.Equal("SageMaker.DescribeTrainingJob", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("job-1", JsonDocument.Parse(request.Body).RootElement.GetProperty("TrainingJobName").GetString());
        Assert.Equal("InProgress", answer.TrainingJobStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), answer.CreationTime);
    }

    [Fact]
    public async Task The_signature_is_SigV4_for_the_region_and_sagemaker_and_verifies()
    {
        using var server = new RecordingHttpServer(Reply.Ok());
        using var clients = LoopbackClients.For(server);

        await clients.SageMaker.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "job-1" });

        var request = Assert.Single(server.Requests);
        var authorization = SigV4.Parse(request.Header("Authorization")!);
        Assert.Equal(LoopbackClients.AccessKey, authorization.AccessKey);
        Assert.Equal(LoopbackClients.Region, authorization.Region);
        Assert.Equal("sagemaker", authorization.Service);
        var amzDate = request.Header("X-Amz-Date")!;
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", amzDate);
        Assert.Equal(amzDate[..8], authorization.Date);
        Assert.InRange(DateTime.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
            DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
        Assert.Contains("host", authorization.SignedHeaders);
        Assert.Contains("x-amz-target", authorization.SignedHeaders);
        Assert.Contains("x-amz-date", authorization.SignedHeaders);
        Assert.Equal(SigV4.Expected(request, LoopbackClients.SecretKey), authorization.Signature);
    }

    [Fact]
    public async Task Temporary_credentials_send_their_session_token_signed()
    {
        using var server = new RecordingHttpServer(Reply.Ok());
        using var clients = LoopbackClients.For(server, credentials: new SessionAWSCredentials(LoopbackClients.AccessKey, LoopbackClients.SecretKey, "session-token-1"));

        await clients.SageMaker.DeleteModelAsync(new DeleteModelRequest { ModelName = "m" });

        var request = Assert.Single(server.Requests);
        Assert.Equal("session-token-1", request.Header("X-Amz-Security-Token"));
        var authorization = SigV4.Parse(request.Header("Authorization")!);
        Assert.Contains("x-amz-security-token", authorization.SignedHeaders);
        Assert.Equal(SigV4.Expected(request, LoopbackClients.SecretKey), authorization.Signature);
    }

    [Fact]
    public async Task Logs_uses_its_own_target_prefix_camel_case_members_and_signing_name()
    {
        using var server = new RecordingHttpServer(Reply.Ok("""{"logStreams":[{"logStreamName":"job/algo-1-1700000000"}]}"""));
        using var clients = LoopbackClients.For(server);

        var answer = await clients.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = "/aws/sagemaker/TrainingJobs", LogStreamNamePrefix = "job/" });

        var request = Assert.Single(server.Requests);
        Assert.Equal("Logs_20140328.DescribeLogStreams", request.Header("X-Amz-Target"));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("/aws/sagemaker/TrainingJobs", body.GetProperty("logGroupName").GetString());
        Assert.Equal("job/", body.GetProperty("logStreamNamePrefix").GetString());
        Assert.False(body.TryGetProperty("nextToken", out _)); // absent members are left out
        Assert.Equal("logs", SigV4.Parse(request.Header("Authorization")!).Service);
        Assert.Equal(SigV4.Expected(request, LoopbackClients.SecretKey), SigV4.Parse(request.Header("Authorization")!).Signature);
        Assert.Equal("job/algo-1-1700000000", Assert.Single(answer.LogStreams!).LogStreamName);
    }

    [Fact]
    public async Task An_empty_answer_reads_as_an_empty_response()
    {
        using var server = new RecordingHttpServer(new Reply(200, "", ContentType: null));
        using var clients = LoopbackClients.For(server);

        var answer = await clients.SageMaker.ListTrainingJobsAsync(new ListTrainingJobsRequest());

        Assert.Null(answer.TrainingJobSummaries);
        Assert.Null(answer.NextToken);
    }
}
