using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Pipeline.Health;

/// <summary>
/// <c>&lt;service&gt; --health [live|ready]</c>: what a container's health check runs. It reads the report the running
/// service keeps in <see cref="HealthOptions.StatusFile"/> (found through the same configuration the service reads), prints
/// one line and exits 0 when the service is live or ready (ready by default), else 1.
/// </summary>
public static class HealthProbe
{
    public const string Switch = "--health";
    public const int Healthy = 0;
    public const int Unhealthy = 1;

    public static bool IsRequested(IReadOnlyList<string> args) => args is not null && args.Contains(Switch);

    /// <summary>Runs the probe for a command line that <see cref="IsRequested"/>; returns the exit code.</summary>
    /// <param name="contentRoot">Where the service reads appsettings.json from, when not the working directory.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter? output = null, string? contentRoot = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = args.ToList().IndexOf(Switch);
        var mode = at + 1 < args.Count && args[at + 1] is HealthTags.Live or HealthTags.Ready ? args[at + 1] : HealthTags.Ready;
        var rest = args.Where((_, i) => i != at && !(i == at + 1 && args[i] == mode)).ToArray();
        var configuration = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = rest, ContentRootPath = contentRoot }).Configuration;
        var options = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();

        var (healthy, message) = Check(options, mode == HealthTags.Live, TimeProvider.System);
        (output ?? Console.Out).WriteLine(message);
        return healthy ? Healthy : Unhealthy;
    }

    /// <summary>Whether the last report says the service is live (or ready), and one line saying why.</summary>
    public static (bool Healthy, string Message) Check(HealthOptions options, bool live, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var what = live ? "live" : "ready";
        if (string.IsNullOrWhiteSpace(options.StatusFile))
            return (false, $"not {what}: Health:StatusFile is not set, so this service keeps no health report (set Health__StatusFile).");
        if (HealthReportFile.Read(options.StatusFile) is not { } report)
            return (false, $"not {what}: no health report at {options.StatusFile} yet (starting, or stopped).");

        var age = time.GetUtcNow() - report.CheckedAt;
        if (age > options.StaleAfter)
            return (false, $"not {what}: the last health report is {age.TotalSeconds:0} s old (more than {options.StaleAfter.TotalSeconds:0} s): the service is hung or stopped.");

        var counted = live ? report.Checks.Where(c => c.Tags.Contains(HealthTags.Live)) : report.Checks;
        var failing = counted.Where(c => c.Status == HealthStatus.Unhealthy).ToList();
        if (failing.Count > 0)
            return (false, $"not {what}: " + string.Join("; ", failing.Select(c => $"{c.Name}: {c.Description ?? "Unhealthy"}")));
        return (true, $"{what}: " + string.Join("; ", report.Checks.Select(c => $"{c.Name} {c.Status}")));
    }
}
