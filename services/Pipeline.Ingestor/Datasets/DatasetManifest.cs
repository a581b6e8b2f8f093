using System.Text.Json;
using Pipeline.Contracts;

namespace Pipeline.Ingestor.Datasets;

/// <summary>
/// manifest.json of a prepared dataset, written after all its objects: what it was made of, and what was written
/// (objects with their sizes, row counts, vocabulary). No time or experiment id goes in, so runs preparing the same
/// dataset at once write the same bytes.
/// </summary>
public sealed record DatasetManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public required string Digest { get; init; }
    public required int TransformVersion { get; init; }

    /// <summary><see cref="DatasetIdentity.Facts"/>: the lines the digest was computed from.</summary>
    public required IReadOnlyList<string> Facts { get; init; }

    public required IngestedDataset Dataset { get; init; }

    public static DatasetManifest For(DatasetIdentity identity, IngestedDataset dataset) => new()
    {
        Digest = identity.Digest,
        TransformVersion = DatasetIdentity.TransformVersion,
        Facts = identity.Facts,
        Dataset = dataset with { Reused = false },
    };

    /// <summary>True when this manifest describes the dataset <paramref name="identity"/> names.</summary>
    public bool Describes(DatasetIdentity identity) =>
        Digest == identity.Digest && TransformVersion == DatasetIdentity.TransformVersion && Facts.SequenceEqual(identity.Facts);

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The manifest in <paramref name="utf8"/>, or null when it is not one.</summary>
    public static DatasetManifest? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<DatasetManifest>(utf8, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
