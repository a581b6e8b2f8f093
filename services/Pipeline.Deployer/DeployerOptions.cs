using System.ComponentModel.DataAnnotations;

namespace Pipeline.Deployer;

public sealed class DeployerOptions
{
    public const string Section = "Deployer";

    /// <summary>Time between DescribeEndpoint polls while an endpoint is being created (boto3's waiter uses 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00",
        ErrorMessage = "Deployer:PollInterval must be between 1 ms and 1 hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait before a poll after DescribeEndpoint was throttled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00",
        ErrorMessage = "Deployer:MaxThrottleBackoff must be between 1 ms and 1 hour.")]
    public TimeSpan MaxThrottleBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Redeliveries of a create or delete that failed for a reason a retry may cure (throttling, 5xx).</summary>
    [Range(0, 20, ErrorMessage = "Deployer:RetryLimit must be 0-20.")]
    public int RetryLimit { get; set; } = 5;

    /// <summary>The first retry's delay; each later one doubles it, up to 30 times this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00",
        ErrorMessage = "Deployer:RetryInterval must be between 0 and 10 minutes.")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);
}
