using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Contracts;
using Pipeline.Data.Gdelt;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Datasets;

/// <summary>
/// What a dataset is made of, one line per fact, and the digest of those lines that names its folder: the transform
/// version, the training and test years, the split seed and each year's source (a file's path, size and last-write
/// time; an S3 object's URI and ETag; the generator's seed and rows a year). Two runs get the same digest only when
/// they would write the same objects.
/// </summary>
/// <param name="Identified">False when a year's source could not be pinned down (no such file, a store that cannot
/// tell an object's version): such a dataset is neither reused nor offered for reuse.</param>
public sealed record DatasetIdentity(string Digest, IReadOnlyList<string> Facts, bool Identified)
{
    /// <summary>
    /// Bump whenever ingestion (or the generator) writes other objects from the same sources, so that datasets
    /// prepared by the earlier code are not reused.
    /// </summary>
    public const int TransformVersion = 1;

    /// <summary>Bump whenever the sales generator or its CSV writes other bytes for the same shape and seed.</summary>
    public const int SalesGeneratorVersion = 1;

    public static async Task<DatasetIdentity> OfAsync(DataSourceSpec data, IObjectStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Kind == DataSourceKind.GeneratedSales)
            return OfSales(data);
        var facts = new List<string>
        {
            $"transform version {TransformVersion}",
            $"training years {string.Join(',', data.TrainingYears)}",
            $"test year {data.TestYear}",
            $"split seed {data.Seed}",
        };
        var identified = true;
        foreach (var year in data.TrainingYears.Append(data.TestYear))
        {
            var (fact, known) = await SourceOfAsync(data, year, store, cancellationToken);
            facts.Add(fact);
            identified &= known;
        }

        return Of(facts, identified);
    }

    private static DatasetIdentity OfSales(DataSourceSpec data)
    {
        var sales = data.SalesOrDefault;
        return Of(
        [
            $"sales generator version {SalesGeneratorVersion}",
            string.Create(CultureInfo.InvariantCulture, $"{sales.Stores} stores, {sales.Items} items, {sales.Days} days"),
            string.Create(CultureInfo.InvariantCulture, $"{sales.ValidationDays} validation days, {sales.TestDays} test days"),
            $"seed {data.Seed}",
        ], identified: true);
    }

    private static DatasetIdentity Of(List<string> facts, bool identified)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', facts)));
        return new DatasetIdentity(Convert.ToHexStringLower(hash)[..16], facts, identified);
    }

    private static async Task<(string Fact, bool Known)> SourceOfAsync(DataSourceSpec data, int year, IObjectStore store,
        CancellationToken cancellationToken)
    {
        switch (data.Kind)
        {
            case DataSourceKind.Generated:
                return (string.Create(CultureInfo.InvariantCulture, $"{year}: generated, seed {data.Seed}, {data.RowsPerYear} rows"),
                    data.RowsPerYear is not null);
            case DataSourceKind.Local when data.Location is { } folder:
                var path = GdeltFiles.FindYear(folder, year);
                if (path is null)
                    return ($"{year}: no file in {folder}", false);
                var file = new FileInfo(path);
                return (string.Create(CultureInfo.InvariantCulture,
                    $"{year}: {file.FullName}, {file.Length} bytes, written {file.LastWriteTimeUtc.Ticks}"), true);
            case DataSourceKind.S3 when data.Location is { } prefix:
                var uri = $"{prefix.TrimEnd('/')}/{year}.csv"; // as ObjectStoreYearSource reads it
                var version = await store.VersionAsync(uri, cancellationToken);
                return version is null ? ($"{year}: {uri}, version unknown", false) : ($"{year}: {uri}, version {version}", true);
            default:
                return ($"{year}: {data.Kind} without a location", false);
        }
    }
}
