using System.Text.Json;
using Pipeline.Contracts;

namespace Pipeline.Cli.Specs;

/// <summary>A spec read from a JSON file, or why it could not be read.</summary>
public sealed record SpecFile(ExperimentSpec? Spec, string? Error)
{
    public static SpecFile Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new SpecFile(null, $"Cannot read {path}: {e.Message}");
        }

        try
        {
            return JsonSerializer.Deserialize<ExperimentSpec>(json, SpecJson.Options) is { } spec
                ? new SpecFile(spec, null)
                : new SpecFile(null, $"{path} holds null instead of a spec object.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $"line {line + 1}, column {e.BytePositionInLine + 1}" + (string.IsNullOrEmpty(e.Path) ? "" : $", at {e.Path}")
                : string.IsNullOrEmpty(e.Path) ? "" : $"at {e.Path}";
            return new SpecFile(null, $"{path} is not a valid spec ({where}): {e.Message}");
        }
    }
}
