using Pipeline.Contracts;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Datasets;

/// <summary>The objects under one dataset's folder (<see cref="Uri"/>, without the closing slash) and its manifest.</summary>
internal sealed class DatasetFolder(IObjectStore store, string uri)
{
    public string Uri { get; } = uri;

    private string ManifestUri => $"{Uri}/{DatasetManifest.FileName}";

    public async Task<DatasetManifest?> ReadManifestAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(ManifestUri, cancellationToken);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, cancellationToken);
            return DatasetManifest.Parse(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public Task WriteManifestAsync(DatasetManifest manifest, CancellationToken cancellationToken) =>
        store.WriteAsync(ManifestUri, (stream, ct) => stream.WriteAsync(manifest.ToUtf8(), ct).AsTask(), cancellationToken);

    /// <summary>
    /// Why <paramref name="dataset"/> cannot be used as its manifest says (an object missing or of another size), or
    /// null; and the objects under its train and validation prefixes that it did not write.
    /// </summary>
    public async Task<(string? Problem, IReadOnlyList<string> Strays)> CheckAsync(IngestedDataset dataset, CancellationToken cancellationToken)
    {
        var found = await ListAsync(cancellationToken);
        string? problem = null;
        foreach (var written in dataset.Objects)
        {
            if (!found.TryGetValue(written.Uri, out var size))
                problem ??= $"{written.Uri} is missing";
            else if (size != written.SizeBytes)
                problem ??= $"{written.Uri} has {size} bytes, the manifest says {written.SizeBytes}";
        }

        return (problem, Strays(found.Keys, dataset));
    }

    /// <summary>Objects under the train and validation prefixes that <paramref name="dataset"/> did not write.</summary>
    public async Task<IReadOnlyList<string>> StraysAsync(IngestedDataset dataset, CancellationToken cancellationToken) =>
        Strays((await ListAsync(cancellationToken)).Keys, dataset);

    private static List<string> Strays(IEnumerable<string> found, IngestedDataset dataset)
    {
        var written = dataset.Objects.Select(o => o.Uri).ToHashSet(StringComparer.Ordinal);
        return found
            .Where(u => u.StartsWith(dataset.TrainPrefix, StringComparison.Ordinal) || u.StartsWith(dataset.ValidationPrefix, StringComparison.Ordinal))
            .Where(u => !written.Contains(u))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private async Task<Dictionary<string, long>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var o in store.ListAsync($"{Uri}/", cancellationToken))
            found[o.Uri] = o.SizeBytes;
        return found;
    }
}
