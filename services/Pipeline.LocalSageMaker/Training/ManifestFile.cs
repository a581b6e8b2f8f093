using System.Text.Json;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// A ManifestFile data source's manifest: <c>[{"prefix": "s3://bucket/path/"}, "relative/key1", "relative/key2"]</c>.
/// Each object is the prefix followed by a relative key, and lands in the channel folder under that relative key.
/// </summary>
public static class ManifestFile
{
    /// <summary>The (object URI, relative path) pairs the manifest lists; a FormatException says what is wrong.</summary>
    public static List<(string Uri, string RelativePath)> Parse(ReadOnlySpan<byte> json)
    {
        using var document = Document(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0
            || root[0].ValueKind != JsonValueKind.Object
            || !root[0].TryGetProperty("prefix", out var prefixElement) || prefixElement.ValueKind != JsonValueKind.String)
            throw new FormatException("it must be a JSON array whose first element is {\"prefix\": \"s3://bucket/path/\"}");
        var prefix = prefixElement.GetString()!;
        if (!prefix.StartsWith("s3://", StringComparison.Ordinal))
            throw new FormatException($"its prefix '{prefix}' is not an s3:// URI");

        var entries = new List<(string, string)>();
        foreach (var element in root.EnumerateArray().Skip(1))
        {
            if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } relative)
                throw new FormatException("every element after the first must be a non-empty relative key");
            entries.Add((prefix + relative, relative));
        }

        return entries;
    }

    private static JsonDocument Document(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"it is not JSON ({e.Message})", e);
        }
    }
}
