using Pipeline.Contracts;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>Picks the year source an experiment's data spec names.</summary>
public sealed class GdeltYearSources(IObjectStore store)
{
    public IGdeltYearSource For(DataSourceSpec data) => data.Kind switch
    {
        GdeltSourceKind.Local => new FolderYearSource(data.Location
            ?? throw new InvalidDataException("Data.Location must name a folder of GDELT year files.")),
        GdeltSourceKind.S3 => new ObjectStoreYearSource(store, data.Location
            ?? throw new InvalidDataException("Data.Location must name an S3 prefix of GDELT year files.")),
        GdeltSourceKind.Generated => new GeneratedYearSource(data.Seed, data.RowsPerYear
            ?? throw new InvalidDataException("Data.RowsPerYear must be set for generated data.")),
        _ => throw new InvalidDataException($"Unknown GDELT source kind {data.Kind}."),
    };
}
