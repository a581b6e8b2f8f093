using System.Globalization;
using Pipeline.Contracts;

namespace Pipeline.Cli.Checks;

/// <summary>
/// Whether the disks can hold what generated data will need, before anything is written. The figures are measured
/// on the project's own files and rounded up: each generated year is written whole to the temporary folder (315 bytes
/// a row) beside its candidate rows (28 bytes a row); the object store keeps about 84 bytes a row read (RecordIO,
/// test CSVs), and LocalSageMaker copies the training data into each instance's folder while a job runs.
/// </summary>
public sealed class DiskRoom(Func<string, (string Disk, long FreeBytes)?> diskOf)
{
    public const long TempBytesPerRow = 315 + 28;
    public const long StoredBytesPerRow = 84;

    public static DiskRoom OfThisMachine { get; } = new(FreeSpace.Of);

    /// <summary>Why the spec's data does not fit, with the figures; null when it does or is not generated.</summary>
    public string? Problem(ExperimentSpec spec, string tempFolder, string objectStoreFolder, string workRoot)
    {
        if (spec.Data is not { Kind: DataSourceKind.Generated, RowsPerYear: { } rows, Prepared: null } data)
            return null;
        var years = data.TrainingYears.Count + 1;
        var instances = spec.Variants.Max(spec.InstanceCountOf);
        var needs = new[]
        {
            (Folder: tempFolder, Bytes: Times(rows, TempBytesPerRow), What: "one generated year at a time"),
            (Folder: objectStoreFolder, Bytes: Times(Times(rows, years), StoredBytesPerRow), What: "the prepared dataset"),
            (Folder: workRoot, Bytes: Times(Times(Times(rows, years - 1), StoredBytesPerRow), instances), What: $"the training data copied to {instances} instances"),
        };
        var full = needs
            .Select(n => (Need: n, Disk: diskOf(n.Folder)))
            .Where(n => n.Disk is not null)
            .GroupBy(n => n.Disk!.Value.Disk)
            .Select(g => (Folders: g.ToList(), Bytes: g.Aggregate(0L, (sum, n) => Plus(sum, n.Need.Bytes)), Free: g.First().Disk!.Value.FreeBytes))
            .FirstOrDefault(g => g.Bytes > g.Free);
        if (full.Folders is null)
            return null;
        var parts = string.Join(", ", full.Folders.Select(n => $"{Size(n.Need.Bytes)} in {n.Need.Folder} for {n.Need.What}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"Data.RowsPerYear {rows:N0} does not fit on this machine: it needs about {parts}, {Size(full.Bytes)} in all on a disk with {Size(full.Free)} free. "
            + $"Ask for at most about {MaxRows(rows, full.Bytes, full.Free):N0} rows a year.");
    }

    private static long MaxRows(long rows, long bytes, long free) => (long)(rows * ((double)free / bytes));

    private static long Times(long a, long b) => a > long.MaxValue / Math.Max(b, 1) ? long.MaxValue : a * b;

    private static long Plus(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:N1} GB");
}
