using System.ComponentModel.DataAnnotations;

namespace Pipeline.Trainer;

/// <summary>How the Trainer retries a control-plane call that failed for a reason other than the request itself (throttling, network).</summary>
public sealed class TrainerOptions
{
    public const string Section = "Trainer";

    /// <summary>Retries after the first attempt; then the message goes to the error queue.</summary>
    [Range(0, 20, ErrorMessage = "Trainer:RetryLimit must be 0-20.")]
    public int RetryLimit { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Trainer:RetryInitialInterval must be between 0 and 1 hour.")]
    public TimeSpan RetryInitialInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Added to the interval after each retry (2 s, 7 s, 12 s, ... by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Trainer:RetryIntervalIncrement must be between 0 and 1 hour.")]
    public TimeSpan RetryIntervalIncrement { get; set; } = TimeSpan.FromSeconds(5);
}
