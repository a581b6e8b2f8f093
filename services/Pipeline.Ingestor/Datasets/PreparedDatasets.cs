using Microsoft.Extensions.Logging;
using Pipeline.Contracts;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Datasets;

/// <summary>
/// Keeps each dataset in a folder of its own, &lt;prefix&gt;/datasets/&lt;digest&gt;/ (see <see cref="DatasetIdentity"/>),
/// so a run never trains or tests on objects another run wrote for other data. A folder whose manifest describes the
/// same dataset and whose objects are all there with their recorded sizes is used as it is (ingestion skipped);
/// otherwise <paramref name="builder"/> writes the dataset into it and the manifest goes last. Runs preparing the same
/// dataset at once write the same bytes to the same keys, each object replaced whole.
/// </summary>
public sealed class PreparedDatasets(IDatasetBuilder builder, IObjectStore store, ILogger<PreparedDatasets> logger) : IDatasetBuilder
{
    public async Task<IngestedDataset> BuildAsync(IngestDataset request, IProgress<IngestionProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var identity = await DatasetIdentity.OfAsync(request.Source, store, cancellationToken);
        var prefix = $"{request.Prefix.Trim('/')}/datasets/{identity.Digest}";
        var folder = new DatasetFolder(store, $"s3://{request.Bucket}/{prefix}");

        if (identity.Identified && await ReusableAsync(folder, identity, request.ExperimentId, cancellationToken) is { } reused)
            return reused;

        var dataset = await builder.BuildAsync(request with { Prefix = prefix }, progress, cancellationToken);
        dataset = dataset with { Digest = identity.Digest };
        if (await folder.StraysAsync(dataset, cancellationToken) is { Count: > 0 } strays)
            throw StraysFound(folder, identity, strays);

        if (!identity.Identified)
            return dataset;
        var after = await DatasetIdentity.OfAsync(request.Source, store, cancellationToken);
        if (after.Digest != identity.Digest)
        {
            logger.LogWarning("Dataset {Digest}: its sources changed while they were read; no manifest written, so it will not be reused",
                identity.Digest);
            return dataset;
        }

        await folder.WriteManifestAsync(DatasetManifest.For(identity, dataset), cancellationToken);
        return dataset;
    }

    private async Task<IngestedDataset?> ReusableAsync(DatasetFolder folder, DatasetIdentity identity, Guid experimentId,
        CancellationToken cancellationToken)
    {
        var manifest = await folder.ReadManifestAsync(cancellationToken);
        if (manifest is null)
            return null;
        string? problem = "its manifest describes other data";
        if (manifest.Describes(identity))
        {
            (problem, var strays) = await folder.CheckAsync(manifest.Dataset, cancellationToken);
            if (strays.Count > 0)
                throw StraysFound(folder, identity, strays); // preparing it again would not remove them
        }

        if (problem is not null)
        {
            logger.LogWarning("Experiment {ExperimentId}: dataset {Digest} is not reused ({Problem}); preparing it again",
                experimentId, identity.Digest, problem);
            return null;
        }

        logger.LogInformation("Experiment {ExperimentId}: dataset {Digest} already prepared: ingestion skipped", experimentId, identity.Digest);
        return manifest.Dataset with { Digest = identity.Digest, Reused = true };
    }

    private static InvalidDataException StraysFound(DatasetFolder folder, DatasetIdentity identity, IReadOnlyList<string> strays) =>
        new($"{folder.Uri}/ holds objects dataset {identity.Digest} did not write, which a training channel would read: "
            + $"{string.Join(", ", strays)}. Remove them and run again.");
}
