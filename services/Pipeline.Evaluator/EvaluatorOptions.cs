using System.ComponentModel.DataAnnotations;

namespace Pipeline.Evaluator;

public sealed class EvaluatorOptions
{
    public const string Section = "Evaluator";

    /// <summary>InvokeEndpoint refuses bodies above 6 MB (6,291,456 bytes).</summary>
    public const int InvokeEndpointMaxBodyBytes = 6_291_456;

    /// <summary>The largest request body; the notebook aims at about 5 MB.</summary>
    [Range(64, InvokeEndpointMaxBodyBytes,
        ErrorMessage = "Evaluator:MaxBatchBytes must be 64-6291456, InvokeEndpoint's body limit (got {0}).")]
    public int MaxBatchBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>InvokeEndpoint calls in flight at once for one endpoint.</summary>
    [Range(1, 64, ErrorMessage = "Evaluator:MaxConcurrency must be 1-64 (got {0}).")]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries of one batch that was throttled, before the evaluation fails.</summary>
    [Range(0, 10, ErrorMessage = "Evaluator:ThrottleRetries must be 0-10 (got {0}).")]
    public int ThrottleRetries { get; set; } = 4;

    /// <summary>The wait before the first throttled retry; later ones double it (with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00",
        ErrorMessage = "Evaluator:ThrottleRetryDelay must be between 0 and 5 minutes (got {0}).")]
    public TimeSpan ThrottleRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Redeliveries of an EvaluateEndpoint that failed for a reason a retry may cure (network, 5xx).</summary>
    [Range(0, 10, ErrorMessage = "Evaluator:RetryLimit must be 0-10 (got {0}).")]
    public int RetryLimit { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00",
        ErrorMessage = "Evaluator:RetryInterval must be between 0 and 10 minutes (got {0}).")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
