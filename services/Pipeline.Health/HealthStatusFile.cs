using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Pipeline.Health;

/// <summary>
/// Writes every health report (run each <see cref="HealthOptions.Interval"/> by the health check publisher) to
/// <see cref="HealthOptions.StatusFile"/>, and removes the file when the host starts (a report of an earlier run would
/// be taken for this one's) and when it stops.
/// </summary>
internal sealed class HealthStatusFile(IOptions<HealthOptions> options, TimeProvider time) : IHealthCheckPublisher, IHostedService, IDisposable
{
    private readonly string _path = Path.GetFullPath(options.Value.StatusFile!);
    // A report being written when the host stops must not land after the file is removed.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _stopped;

    public async Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (!_stopped)
                await HealthReportFile.From(report, time.GetUtcNow()).WriteAsync(_path, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            File.Delete(_path);
        }
        finally
        {
            _writing.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            _stopped = true;
            File.Delete(_path);
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();
}
