using Pipeline.Data.Gdelt;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>Year files in a local folder: &lt;year&gt;.csv, .tsv, .csv.gz or .zip, as GDELT's own site serves them.</summary>
public sealed class FolderYearSource(string folder) : IGdeltYearSource
{
    public Task<Stream> OpenAsync(int year, CancellationToken cancellationToken)
    {
        var path = GdeltFiles.FindYear(folder, year)
            ?? throw new FileNotFoundException($"No GDELT file for {year} in {folder} (looked for {year}.csv, .tsv, .csv.gz, .zip).");
        return Task.FromResult(GdeltFiles.OpenText(File.OpenRead(path), path));
    }

    public string Describe(int year) => GdeltFiles.FindYear(folder, year) ?? Path.Combine(folder, $"{year}.csv");
}
