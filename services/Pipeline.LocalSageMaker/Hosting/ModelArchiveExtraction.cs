using System.Formats.Tar;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// Unpacks a model archive's tar stream into a model folder: folders and regular files only, each inside the folder.
/// A hard or symbolic link (or a device, a fifo) is refused by name: a link could make a model file read, or write,
/// another file of this machine.
/// </summary>
internal static class ModelArchiveExtraction
{
    public static async Task ExtractAsync(Stream tar, string modelFolder, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(modelFolder);
        var reader = new TarReader(tar);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var destination = Path.GetFullPath(Path.Combine(root, entry.Name));
                if (destination != root && !destination.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new ModelArchiveRefusedException($"model.tar.gz entry '{entry.Name}' points outside the model folder; LocalSageMaker refuses it.");
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(destination);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                        await entry.ExtractToFileAsync(destination, overwrite: true, cancellationToken).ConfigureAwait(false);
                        break;
                    case TarEntryType.HardLink:
                        throw new ModelArchiveRefusedException($"model.tar.gz entry '{entry.Name}' is a hard link; LocalSageMaker refuses links in model archives.");
                    case TarEntryType.SymbolicLink:
                        throw new ModelArchiveRefusedException($"model.tar.gz entry '{entry.Name}' is a symbolic link; LocalSageMaker refuses links in model archives.");
                    default:
                        throw new ModelArchiveRefusedException(
                            $"model.tar.gz entry '{entry.Name}' is a {entry.EntryType} entry; LocalSageMaker unpacks folders and regular files only.");
                }
            }
        }
    }
}

/// <summary>A model archive holds an entry LocalSageMaker will not unpack; the message names it and why.</summary>
internal sealed class ModelArchiveRefusedException(string message) : Exception(message);
