using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Health;

namespace Pipeline.ServiceDefaults.Tests;

public sealed class When_a_container_probes_health : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _folder = Directory.CreateTempSubdirectory("pipeline-health-").FullName;

    private string StatusFile => Path.Combine(_folder, "health.json");

    private HealthOptions Options => new() { StatusFile = StatusFile, Interval = TimeSpan.FromSeconds(1) };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A service as its Program.cs builds it, on the in-memory bus, keeping its report in the test's folder.</summary>
    private HostApplicationBuilder Service(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Health:StatusFile"] = StatusFile, ["Health:Interval"] = "00:00:01" }
                .Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))));
        builder.AddServiceDefaults("Pipeline.Tests");
        return builder;
    }

    private IHost Build(HostApplicationBuilder builder)
    {
        builder.Services.AddPipelineMessaging(builder.Configuration, allServicesInThisProcess: true);
        var host = builder.Build();
        // MassTransit keeps the first bus's logger factory in a static; an earlier test's host has disposed of it.
        LogContext.ConfigureCurrentLogContext(host.Services.GetRequiredService<ILoggerFactory>());
        return host;
    }

    private (bool Healthy, string Message) Probe(bool live) => HealthProbe.Check(Options, live, TimeProvider.System);

    private async Task<string> ProbeUntil(bool live, bool healthy)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var (answer, message) = Probe(live);
            if (answer == healthy)
                return message;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The {(live ? "liveness" : "readiness")} probe still says: {message}");
            await Task.Delay(100);
        }
    }

    /// <summary>Holds the host's start, after the health report is being written and before the bus starts.</summary>
    private sealed class StartGate : IHostedService
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartAsync(CancellationToken cancellationToken) => Open.Task.WaitAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task Before_the_bus_starts_it_is_live_but_not_ready_and_once_started_it_is_ready()
    {
        var builder = Service();
        var gate = new StartGate();
        builder.Services.AddHostedService(_ => gate);
        using var host = Build(builder);

        var starting = host.StartAsync();
        try
        {
            await ProbeUntil(live: true, healthy: true);
            var notReady = Probe(live: false);
            Assert.False(notReady.Healthy);
            Assert.Contains("masstransit-bus", notReady.Message, StringComparison.Ordinal);
            Assert.Contains("host-started: Starting", notReady.Message, StringComparison.Ordinal);

            gate.Open.SetResult();
            await starting;
            var ready = await ProbeUntil(live: false, healthy: true);
            Assert.StartsWith("ready:", ready, StringComparison.Ordinal);
            Assert.Contains("masstransit-bus Healthy", ready, StringComparison.Ordinal);
        }
        finally
        {
            gate.Open.TrySetResult();
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_stopped_service_is_neither_live_nor_ready()
    {
        using var host = Build(Service());
        await host.StartAsync();
        await ProbeUntil(live: false, healthy: true);

        await host.StopAsync();

        Assert.False(File.Exists(StatusFile));
        Assert.Contains("no health report", Probe(live: true).Message, StringComparison.Ordinal);
        Assert.False(Probe(live: false).Healthy);
    }

    private interface ITrainingJobs;

    [Fact]
    public async Task A_required_port_without_an_adapter_fails_readiness_naming_it()
    {
        var builder = Service();
        builder.Services.RequirePort<ITrainingJobs>("training jobs: issue 4");
        using var host = Build(builder);

        // Such a host refuses to start; the check says why to whoever asks before that.
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await HealthReportFile.From(report, DateTimeOffset.UtcNow).WriteAsync(StatusFile, CancellationToken.None);

        var (ready, message) = Probe(live: false);
        Assert.False(ready);
        Assert.Contains("required-ports: No adapter for ITrainingJobs (training jobs: issue 4)", message, StringComparison.Ordinal);
        Assert.True(Probe(live: true).Healthy);
    }

    [Fact]
    public async Task A_report_older_than_three_intervals_is_neither_live_nor_ready()
    {
        var checks = new[] { new HealthReportFile.Check("masstransit-bus", HealthStatus.Healthy, "Ready", ["ready"]) };
        await new HealthReportFile(DateTimeOffset.UtcNow.AddSeconds(-4), checks).WriteAsync(StatusFile, CancellationToken.None);

        var live = Probe(live: true);
        Assert.False(live.Healthy);
        Assert.Contains("hung or stopped", live.Message, StringComparison.Ordinal);
        Assert.False(Probe(live: false).Healthy);
    }

    [Fact]
    public async Task Only_a_failing_check_tagged_live_makes_it_not_live()
    {
        var checks = new[]
        {
            new HealthReportFile.Check("masstransit-bus", HealthStatus.Unhealthy, "Not ready: broker unreachable", ["ready"]),
            new HealthReportFile.Check("worker-loop", HealthStatus.Healthy, null, [HealthTags.Live]),
        };
        await new HealthReportFile(DateTimeOffset.UtcNow, checks).WriteAsync(StatusFile, CancellationToken.None);
        Assert.True(Probe(live: true).Healthy);

        checks[1] = checks[1] with { Status = HealthStatus.Unhealthy, Description = "stuck" };
        await new HealthReportFile(DateTimeOffset.UtcNow, checks).WriteAsync(StatusFile, CancellationToken.None);
        Assert.Equal((false, "not live: worker-loop: stuck"), Probe(live: true));
    }

    [Fact]
    public async Task The_probe_command_reads_its_settings_as_the_service_does_and_answers_with_its_exit_code()
    {
        using var host = Build(Service());
        await host.StartAsync();
        try
        {
            await ProbeUntil(live: false, healthy: true);
            using var output = new StringWriter();

            Assert.Equal(HealthProbe.Healthy, HealthProbe.Run(["--health", $"--Health:StatusFile={StatusFile}"], output));
            Assert.Equal(HealthProbe.Healthy, HealthProbe.Run(["--health", "live", $"--Health:StatusFile={StatusFile}"], output));
            Assert.Equal(HealthProbe.Unhealthy, HealthProbe.Run(["--health", $"--Health:StatusFile={StatusFile}.missing"], output));
            Assert.Equal(
                ["ready", "live", "not ready"],
                output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Without_a_status_file_nothing_is_written_and_the_probe_names_the_setting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddServiceDefaults("Pipeline.Tests");
        using var host = Build(builder);
        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(host.Services.GetServices<IHealthCheckPublisher>());
        var (healthy, message) = HealthProbe.Check(new HealthOptions(), live: true, TimeProvider.System);
        Assert.False(healthy);
        Assert.Contains("Health__StatusFile", message, StringComparison.Ordinal);
    }
}
