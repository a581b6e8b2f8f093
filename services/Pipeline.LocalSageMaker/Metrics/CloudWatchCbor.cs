using System.Formats.Cbor;
using Pipeline.Aws;

namespace Pipeline.LocalSageMaker.Metrics;

/// <summary>
/// CloudWatch's requests and responses in CBOR as the smithy-rpc-v2-cbor protocol lays them out: a structure is a map
/// keyed by member name, a timestamp is tag 1 over epoch seconds (an integer, or a float for fractions), a missing or
/// null member is absent. A body that is not CBOR, or a member of the wrong type, is a SerializationException.
/// </summary>
public static class CloudWatchCbor
{
    public static GetMetricStatisticsRequest ReadGetMetricStatistics(ReadOnlyMemory<byte> body)
    {
        var members = Members.Read("GetMetricStatistics", body);
        return new GetMetricStatisticsRequest
        {
            Namespace = members.String("Namespace"),
            MetricName = members.String("MetricName"),
            Dimensions = members.Dimensions("Dimensions"),
            StartTime = members.Timestamp("StartTime"),
            EndTime = members.Timestamp("EndTime"),
            Period = members.Integer("Period"),
            Statistics = members.Strings("Statistics"),
            ExtendedStatistics = members.Strings("ExtendedStatistics"),
            Unit = members.String("Unit"),
        };
    }

    public static ListMetricsRequest ReadListMetrics(ReadOnlyMemory<byte> body)
    {
        var members = Members.Read("ListMetrics", body);
        return new ListMetricsRequest
        {
            Namespace = members.String("Namespace"),
            MetricName = members.String("MetricName"),
            Dimensions = members.Dimensions("Dimensions"),
            NextToken = members.String("NextToken"),
            RecentlyActive = members.String("RecentlyActive"),
        };
    }

    public static byte[] Write(GetMetricStatisticsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(2);
        writer.WriteTextString("Label");
        writer.WriteTextString(response.Label);
        writer.WriteTextString("Datapoints");
        writer.WriteStartArray(response.Datapoints.Count);
        foreach (var point in response.Datapoints)
        {
            (string Name, double? Value)[] statistics =
            [
                ("SampleCount", point.SampleCount), ("Average", point.Average), ("Sum", point.Sum),
                ("Minimum", point.Minimum), ("Maximum", point.Maximum),
            ];
            writer.WriteStartMap(2 + statistics.Count(s => s.Value is not null));
            writer.WriteTextString("Timestamp");
            WriteTimestamp(writer, point.Timestamp);
            foreach (var (name, value) in statistics)
            {
                if (value is null)
                    continue;
                writer.WriteTextString(name);
                writer.WriteDouble(value.Value);
            }

            writer.WriteTextString("Unit");
            writer.WriteTextString(point.Unit);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static byte[] Write(ListMetricsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(response.NextToken is null ? 1 : 2);
        writer.WriteTextString("Metrics");
        writer.WriteStartArray(response.Metrics.Count);
        foreach (var metric in response.Metrics)
        {
            writer.WriteStartMap(3);
            writer.WriteTextString("Namespace");
            writer.WriteTextString(metric.Namespace);
            writer.WriteTextString("MetricName");
            writer.WriteTextString(metric.MetricName);
            writer.WriteTextString("Dimensions");
            writer.WriteStartArray(metric.Dimensions.Count);
            foreach (var dimension in metric.Dimensions)
            {
                writer.WriteStartMap(2);
                writer.WriteTextString("Name");
                writer.WriteTextString(dimension.Name!);
                writer.WriteTextString("Value");
                writer.WriteTextString(dimension.Value!);
                writer.WriteEndMap();
            }

            writer.WriteEndArray();
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        if (response.NextToken is { } token)
        {
            writer.WriteTextString("NextToken");
            writer.WriteTextString(token);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>An error body: the error's type in <c>__type</c>, its text in <c>message</c>.</summary>
    public static byte[] Error(string type, string message)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(2);
        writer.WriteTextString("__type");
        writer.WriteTextString(type);
        writer.WriteTextString("message");
        writer.WriteTextString(message);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static void WriteTimestamp(CborWriter writer, DateTimeOffset value)
    {
        if (value.Ticks % TimeSpan.TicksPerSecond == 0)
            writer.WriteUnixTimeSeconds(value.ToUnixTimeSeconds());
        else
            writer.WriteUnixTimeSeconds(value.ToUnixTimeMilliseconds() / 1000.0);
    }

    private static AwsServiceException Serialization(string message) => new("SerializationException", message);

    /// <summary>A request's top-level map, read whole, with typed access to its members.</summary>
    private sealed class Members(string operation, Dictionary<string, object?> values)
    {
        public static Members Read(string operation, ReadOnlyMemory<byte> body)
        {
            // An operation with input always gets a map from botocore; an empty body (curl) means no members.
            if (body.IsEmpty)
                return new Members(operation, []);
            try
            {
                var reader = new CborReader(body, CborConformanceMode.Lax);
                var root = Item(reader);
                if (reader.BytesRemaining > 0)
                    throw Serialization($"The {operation} request has {reader.BytesRemaining} bytes after its CBOR data item.");
                return root as Dictionary<string, object?> is { } map
                    ? new Members(operation, map)
                    : throw Serialization($"The {operation} request must be a CBOR map of its members.");
            }
            catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException)
            {
                throw Serialization($"The {operation} request is not valid CBOR: {e.Message}");
            }
        }

        public string? String(string name) => Get(name) switch
        {
            null => null,
            string text => text,
            var other => throw Wrong(name, "a text string", other),
        };

        public long? Integer(string name) => Get(name) switch
        {
            null => null,
            long number => number,
            var other => throw Wrong(name, "an integer", other),
        };

        public DateTimeOffset? Timestamp(string name) => Get(name) switch
        {
            null => null,
            DateTimeOffset at => at,
            var other => throw Wrong(name, "a timestamp (tag 1 over epoch seconds)", other),
        };

        public List<string>? Strings(string name) => Get(name) switch
        {
            null => null,
            List<object?> items => items.Select((item, i) => item as string ?? throw Wrong($"{name}[{i}]", "a text string", item)).ToList(),
            var other => throw Wrong(name, "an array", other),
        };

        public List<Dimension>? Dimensions(string name) => Get(name) switch
        {
            null => null,
            List<object?> items => items.Select((item, i) =>
            {
                var dimension = item as Dictionary<string, object?> is { } map
                    ? new Members(operation, map)
                    : throw Wrong($"{name}[{i}]", "a map", item);
                return new Dimension { Name = dimension.String("Name"), Value = dimension.String("Value") };
            }).ToList(),
            var other => throw Wrong(name, "an array", other),
        };

        private object? Get(string name) => values.GetValueOrDefault(name);

        private AwsServiceException Wrong(string name, string expected, object? found) =>
            Serialization($"The {operation} request's {name} must be {expected}, not {Describe(found)}.");

        private static string Describe(object? value) => value switch
        {
            null => "null",
            string => "a text string",
            long => "an integer",
            double => "a float",
            bool => "a boolean",
            byte[] => "a byte string",
            DateTimeOffset => "a timestamp",
            List<object?> => "an array",
            _ => "a map",
        };

        /// <summary>Deeper than any request shape nests; a deeper body would only be an attempt to exhaust the stack.</summary>
        private const int MaxDepth = 32;

        /// <summary>Any data item as plain values: maps keyed by text, arrays, text, integers, floats, timestamps.</summary>
        private static object? Item(CborReader reader, int depth = 0)
        {
            if (depth > MaxDepth)
                throw Serialization($"The CBOR body nests deeper than {MaxDepth} levels.");
            switch (reader.PeekState())
            {
                case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                    return reader.ReadInt64();
                case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                    return reader.ReadDouble();
                case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                    return reader.ReadTextString();
                case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                    return reader.ReadByteString();
                case CborReaderState.Boolean:
                    return reader.ReadBoolean();
                case CborReaderState.Null:
                    reader.ReadNull();
                    return null;
                case CborReaderState.SimpleValue:
                    // undefined (23) reads as null, as the protocol asks.
                    reader.ReadSimpleValue();
                    return null;
                case CborReaderState.Tag when reader.PeekTag() == CborTag.UnixTimeSeconds:
                    return reader.ReadUnixTimeSeconds();
                case CborReaderState.Tag:
                    throw Serialization($"CBOR tag {(ulong)reader.PeekTag()} is not understood here (only tag 1, epoch seconds).");
                case CborReaderState.StartArray:
                {
                    reader.ReadStartArray();
                    var items = new List<object?>();
                    while (reader.PeekState() != CborReaderState.EndArray)
                        items.Add(Item(reader, depth + 1));
                    reader.ReadEndArray();
                    return items;
                }

                case CborReaderState.StartMap:
                {
                    reader.ReadStartMap();
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    while (reader.PeekState() != CborReaderState.EndMap)
                    {
                        if (reader.PeekState() is not (CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString))
                            throw Serialization("A CBOR map's keys must be text strings (member names).");
                        var key = reader.ReadTextString();
                        map[key] = Item(reader, depth + 1);
                    }

                    reader.ReadEndMap();
                    return map;
                }

                default:
                    throw Serialization($"Unexpected CBOR data ({reader.PeekState()}).");
            }
        }
    }
}
