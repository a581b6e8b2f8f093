using Microsoft.Extensions.Logging;

namespace Pipeline.Ingestor;

/// <summary>Writes a build's progress reports to the log, tagged with the experiment.</summary>
public sealed class IngestionProgressLog(ILogger logger, Guid experimentId) : IProgress<IngestionProgress>
{
    public void Report(IngestionProgress value) =>
        logger.LogInformation("Experiment {ExperimentId} ingestion: {Step} ({RowsRead} rows read, {RowsKept} kept)",
            experimentId, value.Step, value.RowsRead, value.RowsKept);
}
