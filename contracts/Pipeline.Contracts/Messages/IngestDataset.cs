namespace Pipeline.Contracts;

/// <summary>
/// Prepare train, validation and test objects from the data source under s3://Bucket/Prefix/datasets/&lt;digest&gt;/, a
/// folder named by what the dataset is made of (or reuse the one already prepared there).
/// </summary>
public sealed record IngestDataset
{
    public required Guid ExperimentId { get; init; }
    public required DataSourceSpec Source { get; init; }
    public required string Bucket { get; init; }
    public required string Prefix { get; init; }
}
