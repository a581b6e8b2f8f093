using System.Text;
using Pipeline.Aws.Runtime;
using Pipeline.Aws.Tests.Http;

namespace Pipeline.Aws.Tests.Runtime;

public sealed class When_an_endpoint_is_invoked
{
    private static Reply Predictions() => new(200, """{"predictions":[{"score":1.5}]}""", "application/json")
    {
        Headers = new Dictionary<string, string> { ["X-Amzn-Invoked-Production-Variant"] = "AllTraffic", ["X-Amzn-SageMaker-Custom-Attributes"] = "echo=1" },
    };

    [Fact]
    public async Task Posts_the_body_to_the_endpoints_invocations_with_its_headers_signed_for_sagemaker()
    {
        using var server = new RecordingHttpServer(Predictions());
        using var clients = LoopbackClients.For(server);
        var body = Encoding.UTF8.GetBytes("1,2,3\n4,5,6\n");

        var answer = await clients.SageMakerRuntime.InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = "sharded-0123",
            Body = body,
            ContentType = "text/csv",
            Accept = "application/json",
            CustomAttributes = "trace=abc",
        });

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/endpoints/sharded-0123/invocations", request.RawPath);
        Assert.Equal(body, request.Body);
        Assert.Equal("text/csv", request.Header("Content-Type"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("trace=abc", request.Header("X-Amzn-SageMaker-Custom-Attributes"));
        var authorization = SigV4.Parse(request.Header("Authorization")!);
        Assert.Equal("sagemaker", authorization.Service);
        Assert.Contains("accept", authorization.SignedHeaders);
        Assert.Equal(SigV4.Expected(request, LoopbackClients.SecretKey), authorization.Signature);

        Assert.Equal("""{"predictions":[{"score":1.5}]}""", Encoding.UTF8.GetString(answer.Body.Span));
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("AllTraffic", answer.InvokedProductionVariant);
        Assert.Equal("echo=1", answer.CustomAttributes);
    }

    [Fact]
    public async Task The_endpoint_name_is_escaped_in_the_path_and_the_signature_still_verifies()
    {
        using var server = new RecordingHttpServer(Predictions());
        using var clients = LoopbackClients.For(server);

        await clients.SageMakerRuntime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "a b/c:d", Body = "1"u8.ToArray(), ContentType = "text/csv" });

        var request = Assert.Single(server.Requests);
        Assert.Equal("/endpoints/a%20b%2Fc%3Ad/invocations", request.RawPath);
        Assert.Equal(SigV4.Expected(request, LoopbackClients.SecretKey), SigV4.Parse(request.Header("Authorization")!).Signature);
    }

    [Fact]
    public async Task A_body_over_6_MB_is_refused_without_a_request()
    {
        using var server = new RecordingHttpServer(Predictions());
        using var clients = LoopbackClients.For(server);

        var error = await Assert.ThrowsAsync<ValidationException>(() => clients.SageMakerRuntime.InvokeEndpointAsync(
            new InvokeEndpointRequest { EndpointName = "e", Body = new byte[6 * 1024 * 1024 + 1], ContentType = "text/csv" }));

        Assert.Contains("6,291,457", error.Message, StringComparison.Ordinal);
        Assert.Contains("6,291,456", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_body_of_exactly_6_MB_is_sent()
    {
        using var server = new RecordingHttpServer(Predictions());
        using var clients = LoopbackClients.For(server);

        await clients.SageMakerRuntime.InvokeEndpointAsync(new InvokeEndpointRequest { EndpointName = "e", Body = new byte[6 * 1024 * 1024], ContentType = "text/csv" });

        Assert.Equal(6 * 1024 * 1024, Assert.Single(server.Requests).Body.Length);
    }

    [Fact]
    public async Task Throttling_and_5xx_are_retried_and_a_model_error_is_not()
    {
        using var server = new RecordingHttpServer((_, n) => n switch
        {
            1 => new Reply(429, """{"message":"slow down"}""") { Headers = new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "ThrottlingException" } },
            2 => new Reply(503, """{"message":"busy"}""") { Headers = new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "ServiceUnavailable" } },
            _ => new Reply(424, """{"message":"Received client error (400) from model with message \"row 2\"","OriginalStatusCode":400}""")
            {
                Headers = new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/" },
            },
        });
        using var clients = LoopbackClients.For(server, maxAttempts: 5);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SageMakerRuntime.InvokeEndpointAsync(
            new InvokeEndpointRequest { EndpointName = "e", Body = "1"u8.ToArray(), ContentType = "text/csv" }));

        Assert.Equal("ModelError", error.ErrorCode);
        Assert.Contains("row 2", error.ServiceMessage, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }
}
