using System.Globalization;
using Pipeline.Contracts;

namespace Pipeline.Cli.Checks;

/// <summary>
/// Whether the disks can hold what generated data will need, before anything is written. The figures are measured
/// on the project's own files and rounded up: each generated year is written whole to the temporary folder (315 bytes
/// a row) beside its candidate rows (28 bytes a row); the object store keeps about 84 bytes a row read (RecordIO,
/// test CSVs), and LocalSageMaker copies the training data into each instance's folder while a job runs. Generated
/// sales are CSV files of about 52 bytes a row, the test days waiting in the temporary folder.
/// </summary>
public sealed class DiskRoom(Func<string, (string Disk, long FreeBytes)?> diskOf)
{
    public const long TempBytesPerRow = 315 + 28;
    public const long StoredBytesPerRow = 84;

    public static DiskRoom OfThisMachine { get; } = new(FreeSpace.Of);

    /// <summary>Generated sales as label-first CSV: 15,176,084 bytes for the default 300,000 rows, rounded up.</summary>
    public const long SalesBytesPerRow = 52;

    /// <summary>Why the spec's data does not fit, with the figures; null when it does or is not generated.</summary>
    public string? Problem(ExperimentSpec spec, string tempFolder, string objectStoreFolder, string workRoot)
    {
        var instances = spec.Variants.Max(spec.InstanceCountOf);
        switch (spec.Data)
        {
            case { Kind: DataSourceKind.Generated, RowsPerYear: { } rows, Prepared: null } data:
                var years = data.TrainingYears.Count + 1;
                return Problem(
                [
                    (tempFolder, Times(rows, TempBytesPerRow), "one generated year at a time"),
                    (objectStoreFolder, Times(Times(rows, years), StoredBytesPerRow), "the prepared dataset"),
                    (workRoot, Times(Times(Times(rows, years - 1), StoredBytesPerRow), instances), $"the training data copied to {instances} instances"),
                ], rows, (all, fits) => string.Create(CultureInfo.InvariantCulture,
                    $"Data.RowsPerYear {rows:N0} does not fit on this machine: it needs about {all}. Ask for at most about {fits:N0} rows a year."));
            case { Kind: DataSourceKind.GeneratedSales, Prepared: null } data:
                var sales = data.SalesOrDefault;
                var series = (long)sales.Stores * sales.Items;
                var total = series * sales.Days;
                return Problem(
                [
                    (tempFolder, Times(series * sales.TestDays, SalesBytesPerRow), "the test days of every series"),
                    (objectStoreFolder, Times(total, SalesBytesPerRow), "the generated files"),
                    (workRoot, Times(Times(total - series * sales.TestDays, SalesBytesPerRow), instances), $"the training data copied to {instances} instances"),
                ], total, (all, fits) => string.Create(CultureInfo.InvariantCulture,
                    $"Data.Sales ({sales.Stores} stores x {sales.Items} items x {sales.Days} days, {total:N0} rows) does not fit on this machine: it needs about {all}. "
                    + $"Ask for at most about {fits:N0} rows (stores x items x days)."));
            default:
                return null;
        }
    }

    /// <param name="say">The message from "x GB in folder for what, ..., y GB in all on a disk with z GB free" and the rows that would fit.</param>
    private string? Problem((string Folder, long Bytes, string What)[] needs, long rows, Func<string, long, string> say)
    {
        var full = needs
            .Select(n => (Need: n, Disk: diskOf(n.Folder)))
            .Where(n => n.Disk is not null)
            .GroupBy(n => n.Disk!.Value.Disk)
            .Select(g => (Folders: g.ToList(), Bytes: g.Aggregate(0L, (sum, n) => Plus(sum, n.Need.Bytes)), Free: g.First().Disk!.Value.FreeBytes))
            .FirstOrDefault(g => g.Bytes > g.Free);
        if (full.Folders is null)
            return null;
        var parts = string.Join(", ", full.Folders.Select(n => $"{Size(n.Need.Bytes)} in {n.Need.Folder} for {n.Need.What}"));
        return say($"{parts}, {Size(full.Bytes)} in all on a disk with {Size(full.Free)} free", MaxRows(rows, full.Bytes, full.Free));
    }

    private static long MaxRows(long rows, long bytes, long free) => (long)(rows * ((double)free / bytes));

    private static long Times(long a, long b) => a > long.MaxValue / Math.Max(b, 1) ? long.MaxValue : a * b;

    private static long Plus(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static string Size(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:N1} GB");
}
