using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Data.IO;

/// <summary>
/// Where ingestion's temporary files go (generated year files, the first year's candidate rows): a sub-folder of the
/// system's temporary folder, <c>$TMPDIR/pipeline</c>, each file named with the id of the process that made it, so a
/// later run can tell a crashed run's leftovers (its process is gone) from a running one's (<see cref="RemoveLeftovers"/>).
/// </summary>
public static partial class PipelineTempFiles
{
    /// <summary>A file this old is a leftover whatever its process id says (process ids get reused).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public static string Folder => Path.Combine(Path.GetTempPath(), "pipeline");

    /// <summary>A new file's path, <c>&lt;folder&gt;/&lt;stem&gt;.pid&lt;id&gt;.&lt;guid&gt;&lt;extension&gt;</c>; the folder is created.</summary>
    /// <param name="folder">Null: <see cref="Folder"/>.</param>
    public static string NewPath(string stem, string extension, string? folder = null)
    {
        folder ??= Folder;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{stem}.{OwnerProcess.Tag}.{Guid.NewGuid():N}{extension}");
    }

    /// <summary>
    /// Deletes the files of <paramref name="folder"/> named by <see cref="NewPath"/> whose process is no longer running or
    /// that are older than <paramref name="maxAge"/> (<see cref="MaxAge"/> by default); other files are left alone.
    /// </summary>
    /// <returns>The paths deleted.</returns>
    public static IReadOnlyList<string> RemoveLeftovers(string? folder = null, TimeSpan? maxAge = null)
    {
        folder ??= Folder;
        var removed = new List<string>();
        if (!Directory.Exists(folder))
            return removed;
        var oldest = DateTime.UtcNow - (maxAge ?? MaxAge);
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            var owner = OwnerPattern().Match(file.Name);
            if (!owner.Success)
                continue;
            var pid = int.Parse(owner.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            if (OwnerProcess.IsRunning(pid) && file.LastWriteTimeUtc >= oldest)
                continue;
            try
            {
                file.Delete();
                removed.Add(file.FullName);
            }
            catch (IOException)
            {
                // in use or gone already: the next run tries again
            }
            catch (UnauthorizedAccessException)
            {
                // another user's: not ours to remove
            }
        }

        return removed;
    }

    [GeneratedRegex(@"\.pid(\d{1,10})\.[0-9a-f]{32}\.[^.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerPattern();
}
