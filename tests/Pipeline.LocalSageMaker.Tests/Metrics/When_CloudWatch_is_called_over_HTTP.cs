using System.Formats.Cbor;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Metrics;

/// <summary>
/// The two framings CloudWatch arrives in, seen as raw HTTP: rpc-v2-cbor (<c>POST /service/.../operation/...</c>) with
/// what its specification requires of a request and an answer, and AWS JSON 1.0 on <c>POST /</c>.
/// </summary>
public sealed class When_CloudWatch_is_called_over_HTTP : IAsyncLifetime
{
    private const string Service = "GraniteServiceVersion20100801";

    private readonly LocalSageMakerUnderTest _local = new();
    private readonly HttpClient _http = new();
    private LocalSageMakerServer _server = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _server = new LocalSageMakerServer(_local.Services);
        _address = await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _local.DisposeAsync();
    }

    [Fact]
    public async Task A_CBOR_call_is_answered_in_CBOR_with_the_protocol_header()
    {
        var (status, headers, body) = await CborAsync("GetMetricStatistics", Request(period: 60));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rpc-v2-cbor", headers["smithy-protocol"]);
        Assert.Equal("application/cbor", headers["Content-Type"]);
        Assert.Equal("train:loss", body["Label"]);
        Assert.Empty((List<object?>)body["Datapoints"]!);
    }

    [Fact]
    public async Task The_service_may_be_named_by_its_absolute_shape_id()
    {
        var (status, _, _) = await CborAsync("ListMetrics", Map(), service: "com.amazonaws.cloudwatch." + Service);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_modeled_error_carries_its_shape_id_and_its_query_code()
    {
        var (status, headers, body) = await CborAsync("GetMetricStatistics", Request(period: 7));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("com.amazonaws.cloudwatch#InvalidParameterValueException", body["__type"]);
        Assert.Equal("The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.", body["message"]);
        Assert.Equal("InvalidParameterValue;Sender", headers["x-amzn-query-error"]);
        Assert.Equal("rpc-v2-cbor", headers["smithy-protocol"]);
    }

    [Theory]
    [InlineData("no protocol header", "SerializationException", HttpStatusCode.BadRequest, "smithy-protocol: rpc-v2-cbor")]
    [InlineData("a target header", "SerializationException", HttpStatusCode.BadRequest, "must not carry X-Amz-Target")]
    [InlineData("an operation not served", "UnknownOperationException", HttpStatusCode.NotFound, "CloudWatch has no operation 'PutMetricData' here")]
    [InlineData("another service", "UnknownOperationException", HttpStatusCode.NotFound, "Service 'Logs_20140328' is not served here")]
    [InlineData("JSON instead of CBOR", "SerializationException", HttpStatusCode.BadRequest, "The GetMetricStatistics request is not valid CBOR")]
    [InlineData("a text Period", "SerializationException", HttpStatusCode.BadRequest, "The GetMetricStatistics request's Period must be an integer, not a text string.")]
    [InlineData("an untagged StartTime", "SerializationException", HttpStatusCode.BadRequest, "StartTime must be a timestamp (tag 1 over epoch seconds), not an integer.")]
    [InlineData("arrays nested 10,000 deep", "SerializationException", HttpStatusCode.BadRequest, "nests deeper than 32 levels")]
    public async Task A_malformed_call_is_refused_in_CBOR_before_any_operation_runs(string problem, string type, HttpStatusCode expected, string message)
    {
        var (operation, service, body) = problem switch
        {
            "an operation not served" => ("PutMetricData", Service, Map()),
            "another service" => ("GetLogEvents", "Logs_20140328", Map()),
            "JSON instead of CBOR" => ("GetMetricStatistics", Service, Encoding.UTF8.GetBytes("""{"Period":60}""")),
            "a text Period" => ("GetMetricStatistics", Service, Map(("Period", "60"))),
            "an untagged StartTime" => ("GetMetricStatistics", Service, Map(("StartTime", 1709294400L))),
            // One-element arrays, each inside the last: a stack overflow would end the process, not answer it.
            "arrays nested 10,000 deep" => ("GetMetricStatistics", Service, Enumerable.Repeat((byte)0x81, 10_000).Append((byte)0x00).ToArray()),
            _ => ("GetMetricStatistics", Service, Request(period: 60)),
        };

        var (status, headers, answer) = await CborAsync(operation, body, service, request =>
        {
            if (problem == "no protocol header")
                request.Headers.Remove("smithy-protocol");
            if (problem == "a target header")
                request.Headers.Add("X-Amz-Target", $"{Service}.GetMetricStatistics");
        });

        Assert.Equal(expected, status);
        Assert.Equal(type, answer["__type"]);
        Assert.Contains(message, (string)answer["message"]!, StringComparison.Ordinal);
        Assert.False(headers.ContainsKey("x-amzn-query-error"));
    }

    [Fact]
    public async Task A_fractional_timestamp_is_read_to_the_millisecond()
    {
        // 12:00:00.250 .. 12:00:00.750 holds a single second's period: 1 datapoint asked for, not an error or 0.
        var body = Map(
            ("Namespace", "/aws/sagemaker/TrainingJobs"), ("MetricName", "train:loss"), ("Period", 1L), ("Statistics", new List<object> { "Sum" }),
            ("StartTime", new Timestamp(1709294400.25)), ("EndTime", new Timestamp(1709294400.75)));

        var (status, _, _) = await CborAsync("GetMetricStatistics", body);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task In_JSON_1_0_a_null_statistic_is_CloudWatchs_ValidationError()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _address)
        {
            Content = new StringContent(
                """{"Namespace":"n","MetricName":"m","StartTime":1709294400,"EndTime":1709298000,"Period":60,"Statistics":[null]}""",
                Encoding.UTF8, new MediaTypeHeaderValue("application/x-amz-json-1.0")),
        };
        request.Headers.Add("X-Amz-Target", $"{Service}.GetMetricStatistics");

        using var response = await _http.SendAsync(request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationError", error.GetProperty("__type").GetString());
        Assert.Contains("'statistics.1.member' failed to satisfy constraint", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Request(long period) => Map(
        ("Namespace", "/aws/sagemaker/TrainingJobs"), ("MetricName", "train:loss"),
        ("Dimensions", new List<object> { new Dictionary<string, object> { ["Name"] = "TrainingJobName", ["Value"] = "job-1" } }),
        ("StartTime", new Timestamp(1709294400)), ("EndTime", new Timestamp(1709298000)), ("Period", period),
        ("Statistics", new List<object> { "Average" }));

    private async Task<(HttpStatusCode Status, Dictionary<string, string> Headers, Dictionary<string, object?> Body)> CborAsync(
        string operation, byte[] body, string service = Service, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, $"/service/{service}/operation/{operation}"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cbor");
        request.Headers.Add("smithy-protocol", "rpc-v2-cbor");
        request.Headers.Accept.ParseAdd("application/cbor");
        adjust?.Invoke(request);
        using var response = await _http.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var reader = new CborReader(await response.Content.ReadAsByteArrayAsync());
        return (response.StatusCode, headers, (Dictionary<string, object?>)Read(reader)!);
    }

    private sealed record Timestamp(double Seconds);

    private static byte[] Map(params (string Key, object Value)[] members)
    {
        var writer = new CborWriter();
        Write(writer, members.ToDictionary(m => m.Key, m => m.Value));
        return writer.Encode();
    }

    private static void Write(CborWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteTextString(text);
                break;
            case long number:
                writer.WriteInt64(number);
                break;
            case Timestamp { Seconds: var seconds }:
                if (seconds % 1 == 0)
                    writer.WriteUnixTimeSeconds((long)seconds);
                else
                    writer.WriteUnixTimeSeconds(seconds);
                break;
            case List<object> items:
                writer.WriteStartArray(items.Count);
                items.ForEach(item => Write(writer, item));
                writer.WriteEndArray();
                break;
            case Dictionary<string, object> map:
                writer.WriteStartMap(map.Count);
                foreach (var (key, item) in map)
                {
                    writer.WriteTextString(key);
                    Write(writer, item);
                }

                writer.WriteEndMap();
                break;
            default:
                throw new ArgumentException($"No CBOR for {value.GetType()}", nameof(value));
        }
    }

    private static object? Read(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.DoublePrecisionFloat:
                return reader.ReadDouble();
            case CborReaderState.Tag:
                return reader.ReadUnixTimeSeconds();
            case CborReaderState.StartArray:
                var items = new List<object?>();
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                    items.Add(Read(reader));
                reader.ReadEndArray();
                return items;
            case CborReaderState.StartMap:
                var map = new Dictionary<string, object?>();
                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap)
                    map[reader.ReadTextString()] = Read(reader);
                reader.ReadEndMap();
                return map;
            default:
                throw new InvalidOperationException($"Unexpected {reader.PeekState()} in an answer");
        }
    }
}
