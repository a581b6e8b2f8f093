using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WithoutComputedProperties } },
    };

    /// <summary>
    /// Drops read-only members such as ExperimentSpec.TrainingTimeout: written out, they would invite edits that
    /// change nothing; left out, such an edit is reported as an unknown field.
    /// </summary>
    private static void WithoutComputedProperties(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in type.Properties.Where(p => p.Set is null).ToList())
            type.Properties.Remove(property);
    }
}
