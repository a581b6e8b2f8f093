using System.Net;

namespace Pipeline.Aws.Http;

/// <summary>
/// Bounded retries with full-jitter exponential backoff, as the SDKs' standard mode: throttling, 5xx answers and
/// transient codes are retried; any other error is final at once.
/// </summary>
public sealed class AwsRetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
{
    private static readonly HashSet<string> TransientCodes =
        ["RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalError", "ServiceUnavailable", "PriorRequestNotComplete"];

    public int MaxAttempts { get; } = maxAttempts >= 1
        ? maxAttempts
        : throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "At least one attempt.");

    public static bool IsRetryable(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is ThrottlingException
               || (int)error.StatusCode >= 500
               || error.StatusCode == HttpStatusCode.RequestTimeout
               || TransientCodes.Contains(error.ErrorCode);
    }

    /// <summary>The wait before retry <paramref name="retry"/> (1 for the second attempt): random in [0, min(base * 2^(retry-1), max)).</summary>
    public TimeSpan DelayBeforeRetry(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceiling = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 30)));
        return TimeSpan.FromTicks((long)(random.NextDouble() * ceiling));
    }
}
