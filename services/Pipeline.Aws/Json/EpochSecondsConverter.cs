using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Aws.Json;

/// <summary>JSON 1.1 protocols send timestamps as seconds since the Unix epoch, with a fraction (botocore's default).</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(reader.GetDouble() * TimeSpan.TicksPerSecond)),
            // Some services answer ISO 8601 strings; accept them too.
            JsonTokenType.String => DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new JsonException($"Expected a timestamp, found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round((value - DateTimeOffset.UnixEpoch).Ticks / (decimal)TimeSpan.TicksPerSecond, 3));
}
