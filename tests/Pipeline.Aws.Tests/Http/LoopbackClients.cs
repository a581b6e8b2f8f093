using Amazon.Runtime;
using Pipeline.Aws.Http;

namespace Pipeline.Aws.Tests.Http;

/// <summary>Clients aimed at a <see cref="RecordingHttpServer"/>, with fixed credentials and millisecond backoff.</summary>
public static class LoopbackClients
{
    public const string AccessKey = "AKIDLOOPBACK";
    public const string SecretKey = "loopback-secret-key";
    public const string Region = "eu-west-1";

    public static AwsClientOptions Options(RecordingHttpServer server, int maxAttempts = 3) => new()
    {
        Region = Region,
        SageMakerServiceUrl = server.Url,
        LogsServiceUrl = server.Url,
        SageMakerRuntimeServiceUrl = server.Url,
        SnsServiceUrl = server.Url,
        MaxAttempts = maxAttempts,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    public static AwsClients For(RecordingHttpServer server, int maxAttempts = 3, AWSCredentials? credentials = null) =>
        For(Options(server, maxAttempts), credentials);

    public static AwsClients For(AwsClientOptions options, AWSCredentials? credentials = null) =>
        new(options, new AwsCredentialsSource(credentials ?? new BasicAWSCredentials(AccessKey, SecretKey)), environment: _ => null);
}
