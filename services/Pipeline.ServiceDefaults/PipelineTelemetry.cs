using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.ServiceDefaults;

/// <summary>The project's own trace source and meter, next to MassTransit's.</summary>
public static class PipelineTelemetry
{
    public const string Name = "Pipeline";

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);
}
