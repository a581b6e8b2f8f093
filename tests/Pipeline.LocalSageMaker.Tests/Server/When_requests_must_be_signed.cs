using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>
/// With LocalSageMaker:Auth set, every request must carry a SigV4 signature made with those credentials: the project's
/// own clients and boto3 pass with the right ones; a wrong secret, an unknown key, an unsigned or altered request get 403.
/// </summary>
public sealed class When_requests_must_be_signed : IAsyncLifetime
{
    private const string KeyId = "AKIDLOCALTEST";
    private const string Secret = "s3cr3t/for+this+test";

    private readonly LocalSageMakerUnderTest _local = new(TimeProvider.System, settings: new()
    {
        ["LocalSageMaker:Auth:AccessKeyId"] = KeyId,
        ["LocalSageMaker:Auth:SecretAccessKey"] = Secret,
    });

    private LocalSageMakerServer _server = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _server = new LocalSageMakerServer(_local.Services);
        _address = await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _local.DisposeAsync();
    }

    [Fact]
    public async Task The_projects_clients_with_the_right_keys_are_served()
    {
        using var clients = Clients(KeyId, Secret);

        var listed = await clients.SageMaker.ListTrainingJobsAsync(new ListTrainingJobsRequest());
        // No job has logged yet: the Logs operation itself answers, past the signature check.
        var noGroup = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            clients.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = "/aws/sagemaker/TrainingJobs" }));

        Assert.Empty(listed.TrainingJobSummaries!);
        Assert.Contains("log group does not exist", noGroup.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_InvalidSignatureException()
    {
        using var clients = Clients(KeyId, "not-the-secret");

        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SageMaker.ListTrainingJobsAsync(new ListTrainingJobsRequest()));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("InvalidSignatureException", refused.ErrorCode);
        Assert.Contains("signature we calculated does not match", refused.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_UnrecognizedClientException()
    {
        using var clients = Clients("AKIDSOMEONEELSE", Secret);

        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SageMaker.ListTrainingJobsAsync(new ListTrainingJobsRequest()));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("UnrecognizedClientException", refused.ErrorCode);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_and_runs_nothing()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _address)
        {
            Content = new StringContent("""{"TrainingJobName":"unsigned","AlgorithmSpecification":{"TrainingImage":"local:id","TrainingInputMode":"File"}}""",
                Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "SageMaker.CreateTrainingJob");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("MissingAuthenticationTokenException", error.GetProperty("__type").GetString());
        Assert.Empty((await _local.Jobs.ListTrainingJobsAsync(new ListTrainingJobsRequest(), default)).TrainingJobSummaries!);
    }

    [Fact]
    public async Task A_signed_request_whose_body_was_changed_is_refused()
    {
        // A handler between the client and the server swaps the body after signing, as a man in the middle would.
        using var clients = Clients(KeyId, Secret, new BodySwap("""{"MaxResults":1}"""));

        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SageMaker.ListTrainingJobsAsync(new ListTrainingJobsRequest()));

        Assert.Equal("InvalidSignatureException", refused.ErrorCode);
    }

    [Fact]
    public async Task Boto3_with_the_right_keys_is_served_on_every_protocol()
    {
        var output = JsonDocument.Parse(await Boto3Script.RunAsync("boto3_signed_call.py", _address, credentials: (KeyId, Secret))).RootElement;

        Assert.True(output.GetProperty("sagemaker").GetProperty("ok").GetBoolean());
        // No job has logged yet: the Logs operation's own answer, past the signature check.
        Assert.Equal("ResourceNotFoundException", output.GetProperty("logs").GetProperty("code").GetString());
        // The Runtime call reaches the route, which knows no such endpoint: its own 400, not the gate's 403.
        Assert.Equal(400, output.GetProperty("runtime").GetProperty("status").GetInt32());
        Assert.True(output.GetProperty("cloudwatch").GetProperty("ok").GetBoolean());
        Assert.True(output.GetProperty("cloudwatch_cbor").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Boto3_with_a_wrong_secret_is_refused_on_every_protocol()
    {
        var output = JsonDocument.Parse(await Boto3Script.RunAsync("boto3_signed_call.py", _address, credentials: (KeyId, "wrong"))).RootElement;

        // The CBOR client can read the refusal only because the gate answers a CBOR request in CBOR.
        foreach (var protocol in new[] { "sagemaker", "logs", "runtime", "cloudwatch", "cloudwatch_cbor" })
        {
            Assert.Equal(403, output.GetProperty(protocol).GetProperty("status").GetInt32());
            Assert.Equal("InvalidSignatureException", output.GetProperty(protocol).GetProperty("code").GetString());
        }
    }

    private AwsClients Clients(string keyId, string secret, HttpMessageHandler? handler = null) => new(
        new AwsClientOptions
        {
            Region = "us-east-1",
            SageMakerServiceUrl = _address.ToString(),
            LogsServiceUrl = _address.ToString(),
            SageMakerRuntimeServiceUrl = _address.ToString(),
            MaxAttempts = 1,
        },
        new AwsCredentialsSource(new BasicAWSCredentials(keyId, secret)),
        handler,
        environment: _ => null);

    private sealed class BodySwap(string body) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Content!.Headers.ToList();
            request.Content = new StringContent(body);
            request.Content.Headers.Clear();
            foreach (var (name, values) in headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
                request.Content.Headers.TryAddWithoutValidation(name, values);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
