namespace Pipeline.Aws.Http;

/// <summary>
/// What identifies an AWS service on the wire: its service id (which names its AWS_ENDPOINT_URL_* variable),
/// the name requests are signed for, and the host prefix of its regional endpoint.
/// </summary>
public sealed record AwsService(string ServiceId, string SigningName, string HostPrefix)
{
    public static AwsService SageMaker { get; } = new("SageMaker", "sagemaker", "api.sagemaker");
    public static AwsService CloudWatchLogs { get; } = new("CloudWatch Logs", "logs", "logs");
    public static AwsService SageMakerRuntime { get; } = new("SageMaker Runtime", "sagemaker", "runtime.sagemaker");
    public static AwsService Sns { get; } = new("SNS", "sns", "sns");

    /// <summary>The SDKs' service-specific endpoint variable: the service id upper-cased, spaces as underscores.</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + ServiceId.Replace(' ', '_').ToUpperInvariant();
}
