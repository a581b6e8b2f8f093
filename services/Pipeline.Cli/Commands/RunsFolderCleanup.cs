namespace Pipeline.Cli.Commands;

/// <summary>
/// Deletes every file under a folder last written before a cut-off, then the folders that deleting left empty
/// (deepest first; an empty folder nothing was deleted from may be a run's that just started).
/// By age rather than by run, because the object store and LocalSageMaker's work root are shared by every run:
/// a run under way writes its files now, so they are never older than the cut-off.
/// </summary>
internal sealed class RunsFolderCleanup(string folder, DateTimeOffset cutOff, bool dryRun)
{
    public sealed record Result(int Files, long Bytes, int Kept, IReadOnlyList<string> Failures);

    public Result Run()
    {
        int files = 0, kept = 0;
        long bytes = 0;
        var failures = new List<string>();
        var emptied = new HashSet<string>();
        var root = Path.GetFullPath(folder);
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.LastWriteTimeUtc >= cutOff.UtcDateTime)
            {
                kept++;
                continue;
            }

            var length = file.Length;
            if (Try(() => { if (!dryRun) file.Delete(); }, file.FullName, failures))
            {
                files++;
                bytes += length;
                for (var parent = file.DirectoryName; parent is not null && parent.Length > root.Length; parent = Path.GetDirectoryName(parent))
                    emptied.Add(parent);
            }
        }

        if (!dryRun)
            foreach (var sub in emptied.OrderByDescending(d => d.Length))
                if (!Directory.EnumerateFileSystemEntries(sub).Any())
                    Try(() => Directory.Delete(sub), sub, failures);
        return new Result(files, bytes, kept, failures);
    }

    private static bool Try(Action delete, string path, List<string> failures)
    {
        try
        {
            delete();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures.Add($"{path}: {e.Message}");
            return false;
        }
    }
}
