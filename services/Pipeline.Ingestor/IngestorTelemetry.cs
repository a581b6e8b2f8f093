using System.Diagnostics;

namespace Pipeline.Ingestor;

/// <summary>A span per year transformed (rows read and kept on it).</summary>
public static class IngestorTelemetry
{
    public const string Name = "Pipeline.Ingestor";

    public static ActivitySource Source { get; } = new(Name);
}
