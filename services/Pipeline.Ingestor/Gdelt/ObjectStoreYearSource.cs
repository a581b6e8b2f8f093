using Pipeline.Data.Gdelt;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>Year files under an S3 prefix, such as the public s3://gdelt-open-data/events/&lt;year&gt;.csv.</summary>
public sealed class ObjectStoreYearSource(IObjectStore store, string prefix) : IGdeltYearSource
{
    public async Task<Stream> OpenAsync(int year, CancellationToken cancellationToken)
    {
        var uri = Describe(year);
        return GdeltFiles.OpenText(await store.OpenReadAsync(uri, cancellationToken), uri);
    }

    public string Describe(int year) => $"{prefix.TrimEnd('/')}/{year}.csv";
}
