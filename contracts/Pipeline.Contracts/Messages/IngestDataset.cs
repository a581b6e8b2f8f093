namespace Pipeline.Contracts;

/// <summary>Prepare train, validation and test objects under s3://Bucket/Prefix from the data source.</summary>
public sealed record IngestDataset
{
    public required Guid ExperimentId { get; init; }
    public required DataSourceSpec Source { get; init; }
    public required string Bucket { get; init; }
    public required string Prefix { get; init; }
}
