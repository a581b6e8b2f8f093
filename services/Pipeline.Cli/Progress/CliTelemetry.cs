using System.Diagnostics;

namespace Pipeline.Cli.Progress;

/// <summary>The command line's span: one per experiment it starts, the root of that experiment's trace.</summary>
public static class CliTelemetry
{
    public const string Name = "Pipeline.Cli";

    public static ActivitySource Source { get; } = new(Name);
}
