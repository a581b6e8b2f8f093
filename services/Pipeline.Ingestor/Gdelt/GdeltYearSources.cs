using Pipeline.Contracts;
using Pipeline.Data.IO;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>Picks the year source an experiment's data spec names.</summary>
/// <param name="tempFolder">Where generated years and the first year's candidate rows wait; null: $TMPDIR/pipeline.</param>
public sealed class GdeltYearSources(IObjectStore store, string? tempFolder = null)
{
    public string TempFolder { get; } = tempFolder ?? PipelineTempFiles.Folder;

    public IGdeltYearSource For(DataSourceSpec data) => data.Kind switch
    {
        DataSourceKind.Local => new FolderYearSource(data.Location
            ?? throw new InvalidDataException("Data.Location must name a folder of GDELT year files.")),
        DataSourceKind.S3 => new ObjectStoreYearSource(store, data.Location
            ?? throw new InvalidDataException("Data.Location must name an S3 prefix of GDELT year files.")),
        DataSourceKind.Generated => new GeneratedYearSource(data.Seed, data.RowsPerYear
            ?? throw new InvalidDataException("Data.RowsPerYear must be set for generated data."), TempFolder),
        _ => throw new InvalidDataException($"Unknown GDELT source kind {data.Kind}."),
    };
}
