using System.ComponentModel.DataAnnotations;

namespace Pipeline.JobWatcher;

public sealed class JobWatcherOptions
{
    public const string Section = "JobWatcher";

    /// <summary>Time between two DescribeTrainingJob calls for a running job (the SageMaker console refreshes every 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "JobWatcher:PollInterval must be greater than 0 and at most 1 day.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait after throttled polls; at least PollInterval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "JobWatcher:MaxBackoff must be greater than 0 and at most 1 day.")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Immediate retries of a poll that failed for another reason than throttling (network, 5xx).</summary>
    [Range(0, 20, ErrorMessage = "JobWatcher:RetryLimit must be 0-20.")]
    public int RetryLimit { get; set; } = 3;
}
