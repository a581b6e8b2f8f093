using System.ComponentModel.DataAnnotations;

namespace Pipeline.Health;

/// <summary>
/// Section <c>Health</c>: where a running service writes its health report for <c>--health</c> to read. Unset, it
/// writes nothing.
/// </summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>The report's file (a container sets it: /tmp/health.json); empty writes none.</summary>
    public string? StatusFile { get; set; }

    /// <summary>How often the checks run and the report is rewritten; a report three intervals old counts as hung.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Health:Interval must be between 1 second and 5 minutes.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan StaleAfter => Interval * 3;
}
