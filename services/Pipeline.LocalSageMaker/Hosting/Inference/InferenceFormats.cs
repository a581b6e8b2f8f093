namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>The media types the built-in algorithms read and write at inference.</summary>
public static class InferenceFormats
{
    public const string Csv = "text/csv";
    public const string Json = "application/json";
    public const string RecordIo = "application/x-recordio-protobuf";
    public const string JsonLines = "application/jsonlines";
    public const string LibSvm = "text/libsvm";

    /// <summary>The media type without parameters ("text/csv; charset=utf-8" is text/csv), lower case.</summary>
    public static string MediaType(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return "";
        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? header : header[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>
    /// The output format an Accept header asks for: the first of its types that is written here (JSON, JSON Lines,
    /// RecordIO-protobuf); JSON when none is given or for a wildcard.
    /// </summary>
    public static string? Output(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
            return Json;
        foreach (var candidate in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var type = MediaType(candidate);
            if (type is Json or JsonLines or RecordIo)
                return type;
            if (type is "*/*" or "application/*")
                return Json;
        }

        return null;
    }
}
