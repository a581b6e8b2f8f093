using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>
/// A port without an adapter is a wiring mistake (every AddXxx() registers its adapters), so it is not an exit code
/// of its own: the host refuses to start, naming the port, before any message is received.
/// </summary>
public sealed class When_an_adapter_is_missing : IDisposable
{
    private const string SomethingDescription = "Something adapter that talks to the outside world - issue 99";
    private const string OtherDescription = "Other adapter - issue 100";

    private readonly TempFolder _folder = new();
    private readonly Probe _probe = new();

    public void Dispose() => _folder.Dispose();

    public interface ISomething;

    public interface IOther;

    private sealed class Something : ISomething;

    [Fact]
    public async Task Run_names_the_missing_port_and_exits_1_without_a_stack_trace()
    {
        var (exitCode, console) = await Run(["run", "--out", Out, "--rows-per-year", "100"], services => services.RequirePort<ISomething>(SomethingDescription));

        Assert.Equal(1, exitCode);
        var message = Assert.Single(console.Lines);
        Assert.StartsWith("Cannot start: no adapter is registered for ISomething", message, StringComparison.Ordinal);
        Assert.Contains(SomethingDescription, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_starts_nothing_and_publishes_no_StartExperiment()
    {
        var (exitCode, _) = await Run(["run", "--out", Out, "--rows-per-year", "100"], services =>
        {
            services.RequirePort<ISomething>(SomethingDescription);
            services.AddSingleton(_probe);
            services.AddHostedService<HostStartProbe>();
            services.AddBusRegistration(bus => bus.AddConsumer<StartExperimentProbe>());
        });

        Assert.Equal(1, exitCode);
        Assert.Equal(0, _probe.StartsSeen);
    }

    [Fact]
    public async Task A_port_the_host_provides_is_not_listed()
    {
        var (exitCode, console) = await Run(["run", "--out", Out, "--rows-per-year", "100"], services =>
        {
            services.RequirePort<ISomething>(SomethingDescription).AddSingleton<ISomething, Something>();
            services.RequirePort<IOther>(OtherDescription);
        });

        Assert.Equal(1, exitCode);
        Assert.Contains(console.Lines, l => l.Contains(OtherDescription, StringComparison.Ordinal));
        Assert.DoesNotContain(console.Lines, l => l.Contains(SomethingDescription, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_spec_is_reported_before_the_missing_port()
    {
        var (exitCode, console) = await Run(["run", "--out", Out, "--instances", "0"], services => services.RequirePort<ISomething>(SomethingDescription));

        Assert.Equal(2, exitCode);
        Assert.DoesNotContain(console.Lines, l => l.Contains(SomethingDescription, StringComparison.Ordinal));
    }

    private string Out => Path.Combine(_folder.Path, "run");

    public sealed class Probe
    {
        private int _startsSeen;

        public bool HostStarted { get; set; }
        public int StartsSeen => _startsSeen;

        public void SawStart() => Interlocked.Increment(ref _startsSeen);
    }

    private sealed class HostStartProbe(Probe probe) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            probe.HostStarted = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class StartExperimentProbe(Probe probe) : IConsumer<StartExperiment>
    {
        public Task Consume(ConsumeContext<StartExperiment> context)
        {
            probe.SawStart();
            return Task.CompletedTask;
        }
    }
}
