using Pipeline.Data.Gdelt;
using Pipeline.Data.IO;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>
/// Realistic GDELT years from the generator, deterministic for the seed. Each year is written to a temporary file
/// that disappears when its stream is closed (or its generation is cancelled), so the reader sees an ordinary file; it is
/// named for this process (<see cref="PipelineTempFiles"/>), so a later run removes it should this one be killed.
/// </summary>
/// <param name="folder">Null: $TMPDIR/pipeline.</param>
public sealed class GeneratedYearSource(int seed, long rowsPerYear, string? folder = null) : IGdeltYearSource
{
    public async Task<Stream> OpenAsync(int year, CancellationToken cancellationToken)
    {
        var path = PipelineTempFiles.NewPath($"gdelt-{seed}-{year}", ".csv", folder);
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
