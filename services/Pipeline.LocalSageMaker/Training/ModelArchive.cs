using System.Formats.Tar;
using System.IO.Compression;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// model.tar.gz, streamed into the object store at <c>&lt;S3OutputPath&gt;/&lt;job&gt;/output/model.tar.gz</c>. Layout: the
/// contents of algo-1's model folder at the archive's root (what hosting unpacks and loads), then the contents of every
/// other host's model folder that is not empty under <c>algo-&lt;n&gt;/</c>. Entries are PAX tar, files and folders in
/// ordinal path order. (A folder called algo-2 inside algo-1's model folder would mix with algo-2's files.)
/// </summary>
public static class ModelArchive
{
    public static string UriFor(string s3OutputPath, string jobName)
    {
        ArgumentNullException.ThrowIfNull(s3OutputPath);
        return $"{s3OutputPath.TrimEnd('/')}/{jobName}/output/model.tar.gz";
    }

    public static async Task WriteAsync(Stream destination, IReadOnlyList<TrainingHost> hosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            await using (tar.ConfigureAwait(false))
            {
                for (var i = 0; i < hosts.Count; i++)
                {
                    var model = hosts[i].Folders.Model;
                    if (!Directory.Exists(model) || (i > 0 && !Directory.EnumerateFileSystemEntries(model).Any()))
                        continue;
                    var under = i == 0 ? "" : hosts[i].Name + "/";
                    if (under.Length > 0)
                        await tar.WriteEntryAsync(model, under, cancellationToken).ConfigureAwait(false);
                    await AddFolderAsync(tar, model, under, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>True when any host's model folder holds anything.</summary>
    public static bool AnyModel(IReadOnlyList<TrainingHost> hosts) =>
        hosts.Any(h => Directory.Exists(h.Folders.Model) && Directory.EnumerateFileSystemEntries(h.Folders.Model).Any());

    private static async Task AddFolderAsync(TarWriter tar, string folder, string under, CancellationToken cancellationToken)
    {
        var entries = new DirectoryInfo(folder)
            .EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Select(e => (Info: e, Name: under + Path.GetRelativePath(folder, e.FullName).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var (info, name) in entries)
            await tar.WriteEntryAsync(info.FullName, info is DirectoryInfo ? name + "/" : name, cancellationToken).ConfigureAwait(false);
    }
}
