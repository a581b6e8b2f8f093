using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>A JSON-protocol error as botocore reads it: the code in <c>__type</c>, the text in <c>message</c>.</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("__type")] string Type,
    [property: JsonPropertyName("message")] string Message)
{
    // Messages quote names ('x'); the default encoder would send them as \u0027, which is valid but unreadable in a trace.
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ErrorBodyContext.Default,
    };

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyContext : JsonSerializerContext;
