using System.ComponentModel.DataAnnotations;

namespace Pipeline.Aws;

/// <summary>Section "Aws": where the SageMaker, CloudWatch Logs, SageMaker Runtime and SNS clients send requests, and how they retry.</summary>
public sealed class AwsClientOptions
{
    public const string Section = "Aws";

    /// <summary>
    /// The region requests are signed for and (without a service URL) sent to. Empty: us-east-1 for a service with an
    /// explicit URL, otherwise the SDK's lookup (AWS_REGION, AWS_DEFAULT_REGION, the profile, the instance metadata).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>SageMaker's endpoint, e.g. LocalSageMaker's http://127.0.0.1:port; empty for AWS_ENDPOINT_URL_SAGEMAKER or AWS itself.</summary>
    public string? SageMakerServiceUrl { get; set; }

    /// <summary>CloudWatch Logs' endpoint; empty for AWS_ENDPOINT_URL_CLOUDWATCH_LOGS or AWS itself.</summary>
    public string? LogsServiceUrl { get; set; }

    /// <summary>SageMaker Runtime's endpoint; empty for AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME or AWS itself.</summary>
    public string? SageMakerRuntimeServiceUrl { get; set; }

    /// <summary>SNS's endpoint, e.g. moto_server's; empty for AWS_ENDPOINT_URL_SNS or AWS itself.</summary>
    public string? SnsServiceUrl { get; set; }

    /// <summary>Tries per call, the first included (the SDK's standard mode makes 3).</summary>
    [Range(1, 20, ErrorMessage = "Aws:MaxAttempts must be from 1 to 20.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The backoff before retry n is random in [0, min(RetryBaseDelay * 2^(n-1), MaxRetryDelay)).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Aws:RetryBaseDelay must be from 1 ms to 1 minute.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "Aws:MaxRetryDelay must be from 1 ms to 5 minutes.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one HTTP attempt may take before it counts as a connection failure (and is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Aws:AttemptTimeout must be from 1 ms to 1 hour.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
