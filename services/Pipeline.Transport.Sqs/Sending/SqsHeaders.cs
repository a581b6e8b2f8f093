using System.Globalization;
using System.Text.Json;
using MassTransit;

namespace Pipeline.Transport.Sqs.Sending;

/// <summary>
/// Headers as SQS/SNS message attributes, never more than <see cref="SqsLimits.MaxAttributes"/> (SQS drops a
/// raw-delivered SNS message with more): when there are more headers than that, the well-known ones stay attributes
/// of their own and the rest travel packed as one JSON object in <see cref="Packed"/>.
/// </summary>
internal static class SqsHeaders
{
    public const string Packed = "MT-Headers";

    public const string ContentType = "Content-Type";

    /// <summary>Read without unpacking by people and tools, kept as attributes in that order.</summary>
    private static readonly string[] WellKnown =
    [
        ContentType, MessageHeaders.MessageId, "MT-Activity-Id", MessageHeaders.RedeliveryCount, MessageHeaders.FaultExceptionType,
        MessageHeaders.FaultMessage, MessageHeaders.Reason, SqsDelayHop.DueHeader,
    ];

    public static Dictionary<string, string> ToAttributes(IEnumerable<KeyValuePair<string, object>> headers)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
            if (Text(value) is { Length: > 0 } text)
                values[name] = text;
        if (values.Count <= SqsLimits.MaxAttributes)
            return values;

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in WellKnown)
            if (values.Remove(name, out var text))
                attributes[name] = text;
        attributes[Packed] = JsonSerializer.Serialize(values);
        return attributes;
    }

    public static Dictionary<string, object> FromAttributes(IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var headers = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in attributes)
        {
            if (name != Packed)
            {
                headers[name] = value;
                continue;
            }

            foreach (var (packedName, packedValue) in JsonSerializer.Deserialize<Dictionary<string, string>>(value) ?? [])
                headers.TryAdd(packedName, packedValue);
        }

        return headers;
    }

    /// <summary>The attributes' size as SQS counts it against the message's 256 KB: names, types and values.</summary>
    public static int Size(IReadOnlyDictionary<string, string> attributes) =>
        attributes.Sum(a => System.Text.Encoding.UTF8.GetByteCount(a.Key) + "String".Length + System.Text.Encoding.UTF8.GetByteCount(a.Value));

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? bool.TrueString : bool.FalseString,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
