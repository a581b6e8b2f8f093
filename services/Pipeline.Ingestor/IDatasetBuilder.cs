using Pipeline.Contracts;

namespace Pipeline.Ingestor;

/// <summary>
/// Turns a data source into train and validation RecordIO objects and a labelled test object under
/// s3://Bucket/Prefix. Throws <see cref="InvalidDataException"/> for source data it cannot use and
/// <see cref="FileNotFoundException"/> / <see cref="DirectoryNotFoundException"/> for source files that are not there.
/// </summary>
public interface IDatasetBuilder
{
    Task<IngestedDataset> BuildAsync(IngestDataset request, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>How far a build has got, for the log: the step under way and the rows seen so far.</summary>
public sealed record IngestionProgress(string Step, long RowsRead = 0, long RowsKept = 0);
