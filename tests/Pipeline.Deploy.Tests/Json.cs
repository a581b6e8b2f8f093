using System.Text.Json;

namespace Pipeline.Deploy.Tests;

/// <summary>Reading CloudFormation's JSON: references, attributes, and the one-or-many string fields of IAM.</summary>
internal static class Json
{
    public static string Ref(JsonElement e) => e.GetProperty("Ref").GetString()!;

    /// <summary>The resource of a <c>Fn::GetAtt</c>.</summary>
    public static string GetAtt(JsonElement e) => e.GetProperty("Fn::GetAtt")[0].GetString()!;

    public static bool IsGetAtt(JsonElement e, string resource) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("Fn::GetAtt", out var att) && att[0].GetString() == resource;

    /// <summary>An IAM field that is one value or a list of them.</summary>
    public static IReadOnlyList<JsonElement> OneOrMany(JsonElement e) => e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray()] : [e];

    public static IReadOnlyList<string> Actions(JsonElement statement) => [.. OneOrMany(statement.GetProperty("Action")).Select(a => a.GetString()!)];

    public static IReadOnlyList<JsonElement> Resources(JsonElement statement) => OneOrMany(statement.GetProperty("Resource"));

    public static bool IsAllow(JsonElement statement) => statement.GetProperty("Effect").GetString() == "Allow";

    /// <summary>A value's JSON text, to find a resource's id inside an <c>Fn::Join</c> or compare whole structures.</summary>
    public static string Text(JsonElement e) => e.GetRawText();
}
