using MassTransit;
using Microsoft.Extensions.Logging;
using Pipeline.Contracts;

namespace Pipeline.Ingestor;

/// <summary>
/// Publishes where the experiment's data is: a prepared dataset as the spec names it, otherwise what the
/// <see cref="IDatasetBuilder"/> made. Source data that is malformed or missing ends in
/// <see cref="DatasetIngestionFailed"/>; anything else propagates to the retry policy.
/// </summary>
public sealed class IngestDatasetConsumer(IDatasetBuilder builder, ILogger<IngestDatasetConsumer> logger) : IConsumer<IngestDataset>
{
    /// <summary>Errors in the source data itself: reading it again gives the same answer.</summary>
    public static Type[] FinalErrors { get; } = [typeof(InvalidDataException), typeof(FileNotFoundException), typeof(DirectoryNotFoundException)];

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
        try
        {
            dataset = await builder.BuildAsync(m, new IngestionProgressLog(logger, m.ExperimentId), context.CancellationToken);
        }
        catch (Exception e) when (FinalErrors.Any(t => t.IsInstanceOfType(e)))
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
