using Pipeline.Data.Gdelt;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>
/// Realistic GDELT years from the generator, deterministic for the seed. Each year is written to a temporary file
/// that disappears when its stream is closed, so the reader sees an ordinary file.
/// </summary>
public sealed class GeneratedYearSource(int seed, long rowsPerYear) : IGdeltYearSource
{
    public async Task<Stream> OpenAsync(int year, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gdelt-{seed}-{year}-{Guid.NewGuid():N}.csv");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await Task.Run(() => new GdeltGenerator(seed).WriteYear(file, year, rowsPerYear, cancellationToken), cancellationToken);
            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public string Describe(int year) => $"generated {year} ({rowsPerYear:N0} rows, seed {seed})";
}
