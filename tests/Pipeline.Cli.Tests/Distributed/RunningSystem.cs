using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Pipeline.Cli.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Cli.Tests.Distributed;

/// <summary>
/// `pipeline up` as a process of its own: moto_server, LocalSageMaker and the six services, each a process, every one
/// exporting its traces and metrics to <see cref="Collector"/>. Stopping it (SIGTERM) must end every process it
/// started: checked when the fixture is disposed.
/// </summary>
public sealed partial class RunningSystem : IAsyncLifetime
{
    /// <summary>Where every process of the system, and each publisher, sends its telemetry.</summary>
    public OtlpCollector Collector { get; } = new();

    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private PipelineProcess _up = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("pipeline-up-test-").FullName;

    public string MotoUrl { get; private set; } = "";

    public string LocalSageMakerUrl { get; private set; } = "";

    public IReadOnlyList<int> ChildIds { get; private set; } = [];

    public string UpOutput => _up.Output;

    /// <summary>
    /// A run's output followed by the last lines of every service's log (moto_server's left out), for a failure
    /// message: the logs go with the fixture's folder, so a stall in CI can only be read from here.
    /// </summary>
    public string WithServiceLogs(string output, int linesEach = 12)
    {
        var report = new System.Text.StringBuilder(output);
        var logs = Path.Combine(Folder, "up", "logs");
        string[] files = Directory.Exists(logs) ? Directory.GetFiles(logs, "*.log") : [];
        foreach (var log in files.Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(log).StartsWith("moto", StringComparison.Ordinal))
                continue;
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            report.Append($"\n--- {Path.GetFileName(log)}, last {Math.Min(linesEach, lines.Length)} of {lines.Length} lines ---\n");
            foreach (var line in lines.TakeLast(linesEach))
                report.Append(line.Length > 400 ? line[..400] + " ..." : line).Append('\n');
        }

        return report.ToString();
    }

    /// <summary>What a publisher needs: the transport and where it answers, and credentials moto takes.</summary>
    public Dictionary<string, string> PublisherEnvironment() => new(Collector.ExporterEnvironment())
    {
        ["Messaging__SqsTransport__ServiceUrl"] = MotoUrl,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_REGION"] = "us-east-1",
    };

    public async Task InitializeAsync()
    {
        // up's children inherit its environment: the exporter variables reach every process it starts.
        _up = PipelineProcess.Start(Folder, Collector.ExporterEnvironment(), ["up", "--folder", Path.Combine(Folder, "up")]);
        await _up.WaitForLineAsync(l => l.StartsWith("ready:", StringComparison.Ordinal), StartLimit);
        MotoUrl = ServiceUrl().Match(_up.Output).Groups[1].Value;
        LocalSageMakerUrl = LocalSageMakerLine().Match(_up.Output).Groups[1].Value;
        ChildIds = [.. ChildPid().Matches(_up.Output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
    }

    public async Task DisposeAsync()
    {
        using var collector = Collector;
        using var up = _up;
        up.Signal(PipelineProcess.SIGTERM);
        var exit = await up.WaitForExitAsync(TimeSpan.FromMinutes(1));
        var alive = ChildIds.Where(IsAlive).ToList();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        if (exit != 143 || alive.Count > 0)
            throw new Xunit.Sdk.XunitException($"pipeline up stopped with {exit?.ToString() ?? "no exit"} (143 expected) and left processes {string.Join(", ", alive)} running:\n{up.Output}");
    }

    private static bool IsAlive(int pid) => Kill(pid, 0) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"ServiceUrl=(http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServiceUrl();

    [GeneratedRegex(@"LocalSageMaker +(http://127\.0\.0\.1:\d+)")]
    private static partial Regex LocalSageMakerLine();

    [GeneratedRegex(@"\bpid (\d+)")]
    private static partial Regex ChildPid();
}
