using System.ComponentModel.DataAnnotations;

namespace Pipeline.Ingestor;

public sealed class IngestorOptions
{
    public const string Section = "Ingestor";

    /// <summary>Datasets built at once by this process; each reads and writes gigabytes, so one by default.</summary>
    [Range(1, 16, ErrorMessage = "Ingestor:ConcurrentMessageLimit must be 1-16.")]
    public int ConcurrentMessageLimit { get; set; } = 1;

    /// <summary>Redeliveries of an ingestion that failed for a reason a retry may cure (network, throttling).</summary>
    [Range(0, 10, ErrorMessage = "Ingestor:RetryLimit must be 0-10.")]
    public int RetryLimit { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00",
        ErrorMessage = "Ingestor:RetryInterval must be between 0 and 1 hour.")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}
