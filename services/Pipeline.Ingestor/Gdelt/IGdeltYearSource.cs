namespace Pipeline.Ingestor.Gdelt;

/// <summary>Where one experiment's GDELT year files come from: a folder, an S3 prefix, or the generator.</summary>
public interface IGdeltYearSource
{
    /// <summary>The year's events as uncompressed text; throws <see cref="FileNotFoundException"/> when there is no such year.</summary>
    Task<Stream> OpenAsync(int year, CancellationToken cancellationToken);

    /// <summary>Where the year comes from, for messages (a path, a URI, "generated").</summary>
    string Describe(int year);
}
