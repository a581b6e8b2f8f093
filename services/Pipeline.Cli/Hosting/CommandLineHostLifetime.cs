using Microsoft.Extensions.Hosting;

namespace Pipeline.Cli.Hosting;

/// <summary>A lifetime that leaves signals alone: the command starts and stops the host itself.</summary>
internal sealed class CommandLineHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
