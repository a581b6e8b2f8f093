using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Cli.Specs;

/// <summary>How specs and reports look on disk: camelCase web JSON, enums as names, indented.</summary>
public static class SpecJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        // A misspelt field must not silently fall back to a default.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // R2 is NaN when every label is equal.
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };
}
