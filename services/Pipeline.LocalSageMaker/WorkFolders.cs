using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Data.IO;

namespace Pipeline.LocalSageMaker;

/// <summary>
/// The folders a training job, an endpoint or a transform job makes under the work root, each named with the id of the
/// process that made it. A LocalSageMaker killed mid-job cannot remove its own (a killed 5-instance job at 400,000 rows
/// a year left 689 MB), so the first folder this process asks for sweeps away those whose process is gone (not with
/// KeepJobFolders, which asks for folders to stay to be looked at).
/// </summary>
public sealed partial class WorkFolders(IOptions<LocalSageMakerOptions> options, ILogger<WorkFolders> logger)
{
    private readonly LocalSageMakerOptions _options = options.Value;
    private int _swept;

    /// <summary><c>&lt;parent&gt;/&lt;stem&gt;.pid&lt;this process&gt;</c>; the same path every time for the same arguments.</summary>
    public string PathOf(string parent, string stem)
    {
        if (!_options.KeepJobFolders && Interlocked.Exchange(ref _swept, 1) == 0)
            RemoveLeftovers();
        return Path.Combine(parent, $"{stem}.{OwnerProcess.Tag}");
    }

    /// <summary>Deletes the owned folders under the work root (and its endpoints and transform folders) whose process is gone.</summary>
    /// <returns>The folders deleted.</returns>
    public IReadOnlyList<string> RemoveLeftovers()
    {
        var removed = new List<string>();
        foreach (var parent in new[] { _options.ResolvedWorkRoot, _options.EndpointsRoot, _options.TransformRoot })
        {
            if (!Directory.Exists(parent))
                continue;
            foreach (var folder in new DirectoryInfo(parent).EnumerateDirectories())
            {
                var owner = OwnerPattern().Match(folder.Name);
                if (!owner.Success || OwnerProcess.IsRunning(int.Parse(owner.Groups[1].ValueSpan, CultureInfo.InvariantCulture)))
                    continue;
                try
                {
                    folder.Delete(recursive: true);
                    removed.Add(folder.FullName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning("Could not remove {Folder}, left by a LocalSageMaker that is no longer running: {Reason}", folder.FullName, e.Message);
                }
            }
        }

        if (removed.Count > 0)
            logger.LogInformation("Removed {Count} job and endpoint folders left by a LocalSageMaker that is no longer running, under {WorkRoot}",
                removed.Count, _options.ResolvedWorkRoot);
        return removed;
    }

    [GeneratedRegex(@"\.pid(\d{1,10})$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerPattern();
}
