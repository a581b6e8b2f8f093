using System.Globalization;
using System.Text.Json;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// Finds <c>null</c> members of lists anywhere in a request (<c>"ProductionVariants": [null]</c>), which the typed
/// requests would carry to the engines as null entries. AWS refuses them before any operation runs, naming the member
/// as its messages do ("productionVariants.1.member").
/// </summary>
internal static class NullListMembers
{
    /// <summary>The members that are null list entries, in document order; empty when there are none (or the body is not JSON).</summary>
    public static List<string> Find(ReadOnlySpan<byte> body)
    {
        var found = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            Walk(document.RootElement, "", found);
        }
        catch (JsonException)
        {
            // Not JSON: the deserializer reports it with its position.
        }

        return found;
    }

    private static void Walk(JsonElement element, string path, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, path.Length == 0 ? Member(property.Name) : $"{path}.{Member(property.Name)}", found);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"{path}.{++index}.member");
                    if (item.ValueKind == JsonValueKind.Null)
                        found.Add(at);
                    else
                        Walk(item, at, found);
                }

                break;
        }
    }

    /// <summary>SageMaker's messages name members in camelCase (ProductionVariants is 'productionVariants').</summary>
    private static string Member(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
