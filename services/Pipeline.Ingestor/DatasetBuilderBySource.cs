using Pipeline.Contracts;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Ingestor.Sales;

namespace Pipeline.Ingestor;

/// <summary>Builds a dataset with the builder for its source: generated sales, or GDELT years from anywhere.</summary>
public sealed class DatasetBuilderBySource(GdeltDatasetBuilder gdelt, SalesDatasetBuilder sales) : IDatasetBuilder
{
    public Task<IngestedDataset> BuildAsync(IngestDataset request, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IDatasetBuilder builder = request.Source.Kind == DataSourceKind.GeneratedSales ? sales : gdelt;
        return builder.BuildAsync(request, progress, cancellationToken);
    }
}
