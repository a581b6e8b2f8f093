using MassTransit;
using Microsoft.Extensions.Logging;
using Pipeline.Contracts;

namespace Pipeline.Ingestor;

/// <summary>
/// Publishes where the experiment's data is: a prepared dataset as the spec names it, otherwise what the
/// <see cref="IDatasetBuilder"/> made. Errors a retry cannot cure (<see cref="IngestionErrors.IsFinal"/>: source data
/// malformed, missing or corrupt, a full disk, a read-only folder) end in <see cref="DatasetIngestionFailed"/> at once;
/// anything else propagates to the retry policy.
/// </summary>
public sealed class IngestDatasetConsumer(IDatasetBuilder builder, RunningIngestions running, ILogger<IngestDatasetConsumer> logger)
    : IConsumer<IngestDataset>
{
    public async Task Consume(ConsumeContext<IngestDataset> context)
    {
        var m = context.Message;
        if (m.Source.Prepared is { } prepared)
        {
            logger.LogInformation("Experiment {ExperimentId} uses the prepared dataset {TrainPrefix}", m.ExperimentId, prepared.TrainPrefix);
            await Publish(context, new IngestedDataset
            {
                TrainPrefix = prepared.TrainPrefix,
                ValidationPrefix = prepared.ValidationPrefix,
                TestObject = prepared.TestObject,
                FeatureDim = prepared.FeatureDim,
                Prepared = true,
            });
            return;
        }

        IngestedDataset dataset;
        using var ingestion = running.Begin(m.ExperimentId, context.CancellationToken);
        try
        {
            dataset = await builder.BuildAsync(m, new IngestionProgressLog(logger, m.ExperimentId), ingestion.Token);
        }
        catch (OperationCanceledException) when (ingestion.ExperimentEnded)
        {
            logger.LogInformation("Experiment {ExperimentId} ended during its ingestion, which stopped", m.ExperimentId);
            return;
        }
        catch (Exception e) when (IngestionErrors.IsFinal(e))
        {
            logger.LogWarning("Experiment {ExperimentId} ingestion failed: {Reason}", m.ExperimentId, e.Message);
            await context.Publish(new DatasetIngestionFailed { ExperimentId = m.ExperimentId, Reason = e.Message }, context.CancellationToken);
            return;
        }

        await Publish(context, dataset);
    }

    private static Task Publish(ConsumeContext<IngestDataset> context, IngestedDataset dataset) =>
        context.Publish(new DatasetIngested { ExperimentId = context.Message.ExperimentId, Dataset = dataset }, context.CancellationToken);
}
