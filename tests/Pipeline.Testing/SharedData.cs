namespace Pipeline.Testing;

/// <summary>
/// Files of the team's shared folder, which sits beside the repository (../shared from the root that holds
/// Pipeline.sln), on developer machines and in CI alike. A test that needs one fails when it is missing.
/// </summary>
public static class SharedData
{
    /// <summary>710 real GDELT rows: 509 daily 58-column rows from 2016, then 201 historical 57-column rows from 1982.</summary>
    public static string GdeltSample => Require(Path.Combine("data", "gdelt", "events-sample.tsv"));

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                    return dir.FullName;
            throw new DirectoryNotFoundException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string Require(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", relativePath));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Shared test data {relativePath} is missing: expected at {path} (the shared folder beside the repository).", path);
    }
}
