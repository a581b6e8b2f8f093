using Pipeline.Contracts;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// A latency percentile and the sample it needs: with 7 invocations p95 and p99 are both the slowest call, so a
/// percentile is shown only when at least <see cref="MinimumSamples"/> invocations were timed, else "n/a (n=7)".
/// </summary>
public sealed record LatencyPercentile(string Name, int MinimumSamples, Func<InvocationLatency, double> Value)
{
    public static IReadOnlyList<LatencyPercentile> All { get; } =
    [
        new("p50", 1, l => l.P50Ms),
        new("p95", 20, l => l.P95Ms),
        new("p99", 100, l => l.P99Ms),
    ];

    /// <summary>"Latency p95 needs at least 20 invocations, p99 at least 100."</summary>
    public static string Requirement { get; } =
        "Latency " + string.Join(", ", All.Where(p => p.MinimumSamples > 1).Select(p => $"{p.Name} needs at least {p.MinimumSamples} invocations"))
        + "; n = invocations timed.";

    /// <summary>The percentile in milliseconds; "n/a (n=7)" when the sample is too small to support it.</summary>
    public string Show(EvaluationMetrics metrics) => metrics.Latency switch
    {
        null => ReportNumbers.NotAvailable,
        _ when metrics.Invocations < MinimumSamples => $"{ReportNumbers.NotAvailable} (n={metrics.Invocations})",
        { } latency => ReportNumbers.Milliseconds(Value(latency)),
    };
}
