using System.Collections.Concurrent;
using Google.Protobuf;

namespace Pipeline.Testing;

/// <summary>One span as an OTLP exporter sent it: ids as lower-case hex, the parent empty for a root.</summary>
public sealed record ExportedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// A collector for tests: an OTLP/HTTP receiver on 127.0.0.1 (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf) that keeps
/// the spans and metric names the processes export. It reads the protobuf messages field by field with
/// Google.Protobuf's reader (the OTLP schema's generated classes are not in the package source), taking only what
/// tests look at: resource service.name, span ids, names and string attributes, metric names.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly RecordingHttpServer _server;
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();
    private readonly ConcurrentDictionary<(string Service, string Metric), bool> _metrics = new();
    private readonly ConcurrentQueue<string> _unreadable = new();

    public OtlpCollector()
    {
        _server = new RecordingHttpServer((request, _) =>
        {
            try
            {
                if (request.RawPath.StartsWith("/v1/traces", StringComparison.Ordinal))
                    ReadTraces(request.Body);
                else if (request.RawPath.StartsWith("/v1/metrics", StringComparison.Ordinal))
                    ReadMetrics(request.Body);
            }
            catch (InvalidProtocolBufferException e)
            {
                _unreadable.Enqueue($"{request.RawPath}: {e.Message}");
                return new Reply(400, "", "application/x-protobuf");
            }

            // An empty Export*ServiceResponse: every field at its default.
            return new Reply(200, "", "application/x-protobuf");
        });
    }

    /// <summary>What OTEL_EXPORTER_OTLP_ENDPOINT is set to, with the variables that make the exporters talk to it soon.</summary>
    public IReadOnlyDictionary<string, string> ExporterEnvironment() => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _server.Url,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    public IReadOnlyList<ExportedSpan> Spans => [.. _spans];

    /// <summary>(service.name, metric name) of every metric exported.</summary>
    public IReadOnlyCollection<(string Service, string Metric)> Metrics => [.. _metrics.Keys];

    /// <summary>Exports that were not OTLP protobuf, with why; empty when every export was read.</summary>
    public IReadOnlyList<string> Unreadable => [.. _unreadable];

    public void Dispose() => _server.Dispose();

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1 }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2 }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2 }
    // Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5; ...; repeated KeyValue attributes = 9 }
    private void ReadTraces(byte[] body)
    {
        foreach (var resourceSpans in Fields(body, 1))
        {
            var service = ServiceName(resourceSpans);
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                {
                    string traceId = "", spanId = "", parent = "", name = "";
                    var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (field, value) in AllFields(span))
                    {
                        switch (field)
                        {
                            case 1: traceId = Convert.ToHexStringLower(value); break;
                            case 2: spanId = Convert.ToHexStringLower(value); break;
                            case 4: parent = Convert.ToHexStringLower(value); break;
                            case 5: name = System.Text.Encoding.UTF8.GetString(value); break;
                            case 9 when KeyValue(value) is { } attribute: attributes[attribute.Key] = attribute.Value; break;
                        }
                    }

                    _spans.Enqueue(new ExportedSpan(service, traceId, spanId, parent, name, attributes));
                }
            }
        }
    }

    // ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1 }
    // ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2 }; ScopeMetrics { scope = 1; repeated Metric metrics = 2 }; Metric { string name = 1; ... }
    private void ReadMetrics(byte[] body)
    {
        foreach (var resourceMetrics in Fields(body, 1))
        {
            var service = ServiceName(resourceMetrics);
            foreach (var scopeMetrics in Fields(resourceMetrics, 2))
                foreach (var metric in Fields(scopeMetrics, 2))
                    foreach (var name in Fields(metric, 1))
                        _metrics[(service, System.Text.Encoding.UTF8.GetString(name))] = true;
        }
    }

    // Resource { repeated KeyValue attributes = 1 }
    private static string ServiceName(byte[] resourceHolder) =>
        Fields(resourceHolder, 1).SelectMany(resource => Fields(resource, 1)).Select(KeyValue)
            .FirstOrDefault(a => a?.Key == "service.name")?.Value ?? "";

    // KeyValue { string key = 1; AnyValue value = 2 }; AnyValue { string string_value = 1; bool = 2; int64 int_value = 3; double = 4; ... }
    private static KeyValuePair<string, string>? KeyValue(byte[] keyValue)
    {
        string? key = null, text = null;
        foreach (var (field, value) in AllFields(keyValue))
        {
            if (field == 1)
                key = System.Text.Encoding.UTF8.GetString(value);
            else if (field == 2)
                text = Fields(value, 1).Select(v => System.Text.Encoding.UTF8.GetString(v)).FirstOrDefault() ?? Scalar(value);
        }

        return key is null ? null : KeyValuePair.Create(key, text ?? "");
    }

    /// <summary>An AnyValue that is not a string: its int64 (field 3) or bool (field 2) as text, else empty.</summary>
    private static string Scalar(byte[] anyValue)
    {
        var input = new CodedInputStream(anyValue);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: return input.ReadBool() ? "true" : "false";
                case 3: return input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
                case 4: return input.ReadDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                default: input.SkipLastField(); break;
            }
        }

        return "";
    }

    /// <summary>The length-delimited values of field <paramref name="number"/>.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number) =>
        AllFields(message).Where(f => f.Field == number).Select(f => f.Value);

    /// <summary>Every length-delimited field of a message, in order; other wire types are skipped.</summary>
    private static List<(int Field, byte[] Value)> AllFields(byte[] message)
    {
        var fields = new List<(int, byte[])>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes().ToByteArray()));
            else
                input.SkipLastField();
        }

        return fields;
    }
}
