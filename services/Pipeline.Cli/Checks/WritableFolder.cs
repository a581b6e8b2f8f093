namespace Pipeline.Cli.Checks;

/// <summary>Whether files can be created in a folder (created if missing), found by creating one.</summary>
internal static class WritableFolder
{
    /// <returns>Why not, or null when it is writable.</returns>
    public static string? Problem(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".pipeline-write-check-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{Path.GetFullPath(folder)} cannot be written: {e.Message}";
        }
    }
}
