using System.Diagnostics;
using System.Net;
using Pipeline.Aws.SageMaker;

namespace Pipeline.Aws.Tests.Http;

public sealed class When_the_service_fails
{
    private static Task Describe(AwsClients clients) =>
        clients.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "e" });

    [Fact]
    public async Task A_503_is_retried_until_an_answer_comes()
    {
        using var server = new RecordingHttpServer((_, n) => n < 3
            ? Reply.Error(503, "ServiceUnavailable", "try later")
            : Reply.Ok("""{"EndpointName":"e","EndpointStatus":"InService"}"""));
        using var clients = LoopbackClients.For(server, maxAttempts: 3);

        var answer = await clients.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "e" });

        Assert.Equal("InService", answer.EndpointStatus);
        Assert.Equal(3, server.Requests.Count);
        // Each attempt is signed anew, and each signature verifies.
        Assert.All(server.Requests, r => Assert.Equal(SigV4.Expected(r, LoopbackClients.SecretKey), SigV4.Parse(r.Header("Authorization")!).Signature));
    }

    [Fact]
    public async Task A_5xx_that_does_not_stop_is_surfaced_with_its_code_and_status_after_max_attempts()
    {
        using var server = new RecordingHttpServer(Reply.Error(500, "InternalFailure", "broken"));
        using var clients = LoopbackClients.For(server, maxAttempts: 4);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Describe(clients));

        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("broken", error.ServiceMessage);
        Assert.Equal(4, server.Requests.Count);
    }

    [Theory]
    [InlineData("ThrottlingException", 400)]
    [InlineData("Throttling", 400)]
    [InlineData("ThrottledException", 400)]
    [InlineData("TooManyRequestsException", 400)]
    [InlineData("SomethingElse", 429)]
    public async Task Throttling_is_retried_then_surfaced_as_ThrottlingException(string type, int status)
    {
        using var server = new RecordingHttpServer(Reply.Error(status, type, "Rate exceeded"));
        using var clients = LoopbackClients.For(server, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ThrottlingException>(() => Describe(clients));

        Assert.Equal("Rate exceeded", error.ServiceMessage);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_429_without_a_body_is_throttling()
    {
        using var server = new RecordingHttpServer(new Reply(429, "", ContentType: null));
        using var clients = LoopbackClients.For(server, maxAttempts: 2);

        await Assert.ThrowsAsync<ThrottlingException>(() => Describe(clients));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        using var server = new RecordingHttpServer(Reply.Error(400, "ValidationException", "Could not find endpoint"));
        using var clients = LoopbackClients.For(server, maxAttempts: 5);

        await Assert.ThrowsAsync<ValidationException>(() => Describe(clients));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("ResourceInUse", "message", typeof(ResourceInUseException))]
    [InlineData("com.amazonaws.sagemaker#ResourceInUse", "Message", typeof(ResourceInUseException))]
    [InlineData("ResourceNotFoundException", "message", typeof(ResourceNotFoundException))]
    [InlineData("com.amazonaws.logs#ResourceNotFoundException", "message", typeof(ResourceNotFoundException))]
    [InlineData("ResourceNotFound", "Message", typeof(ResourceNotFoundException))]
    [InlineData("ValidationException", "Message", typeof(ValidationException))]
    [InlineData("com.amazon.coral.validate#ValidationException", "message", typeof(ValidationException))]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", "message", typeof(ValidationException))]
    [InlineData("com.amazonaws.sagemaker#ThrottlingException", "message", typeof(ThrottlingException))]
    public async Task The_error_type_maps_to_the_typed_exception_with_the_services_message(string type, string messageMember, Type expected)
    {
        var message = $"the service's words about {type}";
        using var server = new RecordingHttpServer(Reply.Error(400, type, message, messageMember));
        using var clients = LoopbackClients.For(server, maxAttempts: 1);

        var error = await Assert.ThrowsAnyAsync<AwsServiceException>(() => Describe(clients));

        Assert.IsType(expected, error);
        Assert.Equal(message, error.ServiceMessage);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ValidationException")]
    [InlineData("ResourceNotFound")]
    public async Task A_training_job_sagemaker_does_not_have_is_not_found_whichever_code_says_so(string code)
    {
        using var server = new RecordingHttpServer(Reply.Error(400, code, "Requested resource not found."));
        using var clients = LoopbackClients.For(server, maxAttempts: 1);

        var describe = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            clients.SageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "gone" }));
        var stop = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            clients.SageMaker.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "gone" }));

        Assert.Equal((code, code), (describe.ErrorCode, stop.ErrorCode));
        Assert.Equal("Requested resource not found.", describe.ServiceMessage);
    }

    [Fact]
    public async Task Another_validation_error_of_a_training_job_stays_a_validation_error()
    {
        using var server = new RecordingHttpServer(Reply.Error(400, "ValidationException", "1 validation error detected: Value 'bad name!' at 'trainingJobName' failed to satisfy constraint"));
        using var clients = LoopbackClients.For(server, maxAttempts: 1);

        await Assert.ThrowsAsync<ValidationException>(() =>
            clients.SageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "bad name!" }));
    }

    [Fact]
    public async Task An_unknown_code_keeps_its_code_message_and_status()
    {
        using var server = new RecordingHttpServer(Reply.Error(409, "com.amazonaws.sagemaker#ConflictException", "busy"));
        using var clients = LoopbackClients.For(server, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Describe(clients));

        Assert.Equal("ConflictException", error.ErrorCode);
        Assert.Equal("busy", error.ServiceMessage);
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task A_code_only_in_the_X_Amzn_ErrorType_header_is_read_from_there()
    {
        using var server = new RecordingHttpServer(new Reply(400, """{"message":"no such group"}""")
        {
            Headers = new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "ResourceNotFoundException:http://internal.amazon.com/" },
        });
        using var clients = LoopbackClients.For(server, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Describe(clients));
        Assert.Equal("no such group", error.ServiceMessage);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        using var server = new RecordingHttpServer(Reply.Ok("""{"EndpointStatus":"Creating"}"""));
        using var proxy = new DroppingProxy(server.Url, drops: 1);
        var options = LoopbackClients.Options(server, maxAttempts: 2);
        options.SageMakerServiceUrl = proxy.Url;
        using var clients = LoopbackClients.For(options);

        var answer = await clients.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "e" });

        Assert.Equal(1, proxy.Dropped);
        Assert.Single(server.Requests);
        Assert.Equal("Creating", answer.EndpointStatus);
    }

    [Fact]
    public async Task A_refused_connection_fails_after_the_bounded_attempts()
    {
        string url;
        using (var closed = new RecordingHttpServer(Reply.Ok()))
            url = closed.Url; // nothing listens there any more
        var options = new AwsClientOptions { Region = "eu-west-1", SageMakerServiceUrl = url, MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(10) };
        using var clients = LoopbackClients.For(options);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Describe(clients));

        Assert.Contains("3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        using var server = new RecordingHttpServer((_, n) => n == 1
            ? Reply.Ok() with { Delay = TimeSpan.FromSeconds(60) }
            : Reply.Ok("""{"EndpointStatus":"InService"}"""));
        var options = LoopbackClients.Options(server, maxAttempts: 2);
        options.AttemptTimeout = TimeSpan.FromSeconds(5); // ample for the second, prompt answer on a loaded machine
        using var clients = LoopbackClients.For(options);

        var answer = await clients.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "e" });

        Assert.Equal("InService", answer.EndpointStatus);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried()
    {
        using var server = new RecordingHttpServer(Reply.Ok() with { Delay = TimeSpan.FromSeconds(60) });
        var options = LoopbackClients.Options(server, maxAttempts: 5);
        options.AttemptTimeout = TimeSpan.FromSeconds(60); // only the caller ends the attempt
        using var clients = LoopbackClients.For(options);
        using var cancel = new CancellationTokenSource();

        var describing = clients.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "e" }, cancel.Token);
        // Cancelled once the request has reached the server, however long that takes on a busy machine.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Requests.Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Single(server.Requests);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => describing);
        Assert.Single(server.Requests);
    }
}
