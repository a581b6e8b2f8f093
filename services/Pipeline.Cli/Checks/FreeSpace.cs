namespace Pipeline.Cli.Checks;

/// <summary>The disk (mount point) a folder is on and its free bytes; the folder need not exist yet.</summary>
internal static class FreeSpace
{
    public static (string Disk, long FreeBytes)? Of(string folder)
    {
        try
        {
            var path = Path.GetFullPath(folder);
            var disk = DriveInfo.GetDrives()
                .Where(d => d.IsReady && IsUnder(path, d.RootDirectory.FullName))
                .MaxBy(d => d.RootDirectory.FullName.Length);
            return disk is null ? null : (disk.RootDirectory.FullName, disk.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || path == root;
}
