using System.Net;
using Microsoft.Extensions.Logging;
using Pipeline.Aws;
using Pipeline.Aws.Logs;

namespace Pipeline.LocalSageMaker.Tests.Server;

public sealed class When_an_operation_fails
{
    public static TheoryData<string, HttpStatusCode, string> SageMakerErrors => new()
    {
        // exception kind, status and __type as SageMaker sends them (botocore's sagemaker model names the shapes).
        { "ResourceNotFound", HttpStatusCode.BadRequest, "ResourceNotFound" },
        { "ResourceInUse", HttpStatusCode.BadRequest, "ResourceInUse" },
        { "Validation", HttpStatusCode.BadRequest, "ValidationException" },
        { "Throttling", HttpStatusCode.TooManyRequests, "ThrottlingException" },
    };

    [Theory]
    [MemberData(nameof(SageMakerErrors))]
    public async Task A_typed_SageMaker_error_is_its_status_and_code_with_the_message(string kind, HttpStatusCode status, string code)
    {
        await using var front = await Front.StartAsync();
        var message = $"{kind} happened to job 'x'";
        front.TrainingJobs.OnDescribe = _ => throw Error(kind, message);

        var answer = await front.PostAsync("SageMaker.DescribeTrainingJob", """{"TrainingJobName":"x"}""");

        Assert.Equal(status, answer.Status);
        Assert.Equal((code, message), answer.Error);
        Assert.Equal("application/x-amz-json-1.1", answer.ContentType);
        Assert.NotNull(answer.RequestId);
    }

    public static TheoryData<string, string> LogsErrors => new()
    {
        // CloudWatch Logs' own names (botocore's logs model): ResourceNotFoundException, InvalidParameterException.
        { "ResourceNotFound", "ResourceNotFoundException" },
        { "Validation", "InvalidParameterException" },
        { "Throttling", "ThrottlingException" },
    };

    [Theory]
    [MemberData(nameof(LogsErrors))]
    public async Task A_typed_Logs_error_carries_the_name_CloudWatch_Logs_gives_it(string kind, string code)
    {
        await using var front = await Front.StartAsync();
        front.Logs.OnGetLogEvents = _ => throw Error(kind, "The specified log stream does not exist.");

        var answer = await front.PostAsync("Logs_20140328.GetLogEvents", """{"logGroupName":"g","logStreamName":"s"}""");

        Assert.Equal((code, "The specified log stream does not exist."), answer.Error);
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_logged_500_that_tells_nothing_of_it()
    {
        await using var front = await Front.StartAsync();
        var failure = new InvalidOperationException("secret detail of the engine");
        front.Logs.OnDescribeLogStreams = _ => throw failure;

        var answer = await front.PostAsync("Logs_20140328.DescribeLogStreams", """{"logGroupName":"g"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("InternalFailure", answer.Error.Code);
        Assert.DoesNotContain("secret detail", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", answer.Body, StringComparison.Ordinal);
        // The message names the request id, which is what ties the answer to the log entry.
        Assert.Contains(answer.RequestId!, answer.Error.Message, StringComparison.Ordinal);
        var logged = Assert.Single(front.Log.Entries, e => e.Level == LogLevel.Error);
        Assert.Same(failure, logged.Exception);
        Assert.Contains(answer.RequestId!, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_without_the_engine_answers_500_rather_than_anything_invented()
    {
        await using var server = new LocalSageMaker.Server.LocalSageMakerServer(_ => { });
        var address = await server.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent("{}");
        content.Headers.ContentType = new("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        request.Headers.Add("X-Amz-Target", "SageMaker.ListTrainingJobs");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("\"InternalFailure\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static AwsServiceException Error(string kind, string message) => kind switch
    {
        "ResourceNotFound" => new ResourceNotFoundException(message),
        "ResourceInUse" => new ResourceInUseException(message),
        "Validation" => new ValidationException(message),
        "Throttling" => new ThrottlingException(message),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
