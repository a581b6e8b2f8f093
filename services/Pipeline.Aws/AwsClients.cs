using Pipeline.Aws.Http;
using Pipeline.Aws.Logs;
using Pipeline.Aws.Runtime;
using Pipeline.Aws.SageMaker;
using Pipeline.Aws.Sns;

namespace Pipeline.Aws;

/// <summary>
/// The SageMaker, CloudWatch Logs, SageMaker Runtime and SNS clients of one process, sharing one HTTP connection pool.
/// Each client's endpoint and region are resolved on its first use.
/// </summary>
public sealed class AwsClients : IDisposable
{
    private readonly HttpClient _http;
    private readonly AwsClientOptions _options;
    private readonly AwsCredentialsSource _credentials;
    private readonly Func<string, string?> _environment;
    private readonly Lazy<SageMakerClient> _sageMaker;
    private readonly Lazy<CloudWatchLogsClient> _logs;
    private readonly Lazy<SageMakerRuntimeClient> _sageMakerRuntime;
    private readonly Lazy<SnsClient> _sns;

    /// <param name="handler">The HTTP handler to share; by default a pooled SocketsHttpHandler that renews connections every few minutes (so DNS changes are seen).</param>
    /// <param name="environment">Reads environment variables (AWS_ENDPOINT_URL_*, AWS_REGION); by default the process's.</param>
    public AwsClients(AwsClientOptions options, AwsCredentialsSource credentials, HttpMessageHandler? handler = null,
        Func<string, string?>? environment = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // Each attempt has its own timeout (AttemptTimeout); the client's would cut the retries short.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("pipeline-aws/1.0");
        _sageMaker = new(() => new SageMakerClient(Sender(AwsService.SageMaker, options.SageMakerServiceUrl)));
        _logs = new(() => new CloudWatchLogsClient(Sender(AwsService.CloudWatchLogs, options.LogsServiceUrl)));
        _sageMakerRuntime = new(() => new SageMakerRuntimeClient(Sender(AwsService.SageMakerRuntime, options.SageMakerRuntimeServiceUrl)));
        _sns = new(() => new SnsClient(Sender(AwsService.Sns, options.SnsServiceUrl)));
    }

    public SageMakerClient SageMaker => _sageMaker.Value;
    public CloudWatchLogsClient Logs => _logs.Value;
    public SageMakerRuntimeClient SageMakerRuntime => _sageMakerRuntime.Value;
    public SnsClient Sns => _sns.Value;

    /// <summary>Where requests to <paramref name="service"/> go, and the region they are signed for.</summary>
    public AwsServiceEndpoint EndpointOf(AwsService service, string? configuredUrl) =>
        AwsServiceEndpoint.Resolve(service, configuredUrl, _options.Region, _environment, AwsRegions.FromSdk);

    private AwsRequestSender Sender(AwsService service, string? configuredUrl) =>
        new(_http, EndpointOf(service, configuredUrl), _credentials,
            new AwsRetryPolicy(_options.MaxAttempts, _options.RetryBaseDelay, _options.MaxRetryDelay, Random.Shared),
            _options.AttemptTimeout);

    public void Dispose() => _http.Dispose();
}
