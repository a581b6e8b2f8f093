using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Data.IO;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>
/// At start, removes what a killed earlier run left in the temporary folder (generated years of ~315 MB per million
/// rows, candidate rows): files whose process is gone or that are over a day old. A running ingestion's files stay.
/// </summary>
public sealed class LeftoverTempFiles(ILogger<LeftoverTempFiles> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var removed = PipelineTempFiles.RemoveLeftovers();
        if (removed.Count > 0)
            logger.LogInformation("Removed {Count} temporary files left by an earlier run in {Folder}", removed.Count, PipelineTempFiles.Folder);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
