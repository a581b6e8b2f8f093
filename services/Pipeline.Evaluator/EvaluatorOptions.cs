using System.ComponentModel.DataAnnotations;
using Pipeline.Aws.Runtime;

namespace Pipeline.Evaluator;

public sealed class EvaluatorOptions
{
    public const string Section = "Evaluator";

    /// <summary>The largest request body; the notebook aims at about 5 MB.</summary>
    [Range(64, SageMakerRuntimeClient.MaxBodyBytes,
        ErrorMessage = "Evaluator:MaxBatchBytes must be 64-6291456, InvokeEndpoint's body limit.")]
    public int MaxBatchBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>InvokeEndpoint calls in flight at once for one endpoint.</summary>
    [Range(1, 64, ErrorMessage = "Evaluator:MaxConcurrency must be 1-64.")]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries of one batch that was throttled, before the evaluation fails.</summary>
    [Range(0, 10, ErrorMessage = "Evaluator:ThrottleRetries must be 0-10.")]
    public int ThrottleRetries { get; set; } = 4;

    /// <summary>The wait before the first throttled retry; later ones double it (with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00",
        ErrorMessage = "Evaluator:ThrottleRetryDelay must be between 0 and 5 minutes.")]
    public TimeSpan ThrottleRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Redeliveries of an EvaluateEndpoint that failed for a reason a retry may cure (network, 5xx).</summary>
    [Range(0, 10, ErrorMessage = "Evaluator:RetryLimit must be 0-10.")]
    public int RetryLimit { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00",
        ErrorMessage = "Evaluator:RetryInterval must be between 0 and 10 minutes.")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>endpoint</c> (InvokeEndpoint on CSV batches, as the notebook) or <c>batch-transform</c> (one transform job).</summary>
    [RegularExpression(EvaluatorModes.Pattern, ErrorMessage = "Evaluator:Mode must be endpoint or batch-transform.")]
    public string Mode { get; set; } = EvaluatorModes.Endpoint;

    /// <summary>Batch-transform mode: MaxPayloadInMB of the job's requests (the notebook's ~5 MB batches; 6 is InvokeEndpoint's limit).</summary>
    [Range(1, 6, ErrorMessage = "Evaluator:TransformMaxPayloadInMB must be 1-6.")]
    public int TransformMaxPayloadInMB { get; set; } = 5;

    /// <summary>Batch-transform mode: the instances the job runs on.</summary>
    [RegularExpression(@"^ml\.[a-z0-9]+\.[a-z0-9]+$", ErrorMessage = "Evaluator:TransformInstanceType must be an instance type such as ml.m4.xlarge.")]
    public string TransformInstanceType { get; set; } = "ml.m4.xlarge";

    [Range(1, 100, ErrorMessage = "Evaluator:TransformInstanceCount must be 1-100.")]
    public int TransformInstanceCount { get; set; } = 1;

    /// <summary>Batch-transform mode: the wait between DescribeTransformJob calls.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00",
        ErrorMessage = "Evaluator:TransformPollInterval must be between 1 ms and 5 minutes.")]
    public TimeSpan TransformPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Batch-transform mode: a job still running after this long is stopped and the evaluation fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00",
        ErrorMessage = "Evaluator:TransformTimeout must be between 1 second and 1 day.")]
    public TimeSpan TransformTimeout { get; set; } = TimeSpan.FromHours(1);
}
