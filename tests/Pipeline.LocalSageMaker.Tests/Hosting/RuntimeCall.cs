using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pipeline.Data.RecordIO;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

/// <summary>InvokeEndpoint as a plain HTTP POST to the Runtime route, and the bodies tests send.</summary>
public static class RuntimeCall
{
    private static readonly HttpClient Http = new();

    public static async Task<Answer> InvokeAsync(Uri server, string endpoint, byte[] body, string contentType, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, $"endpoints/{endpoint}/invocations"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
            request.Headers.Accept.ParseAdd(accept);
        using var response = await Http.SendAsync(request);
        return new Answer(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("X-Amzn-Invoked-Production-Variant", out var variant) ? variant.Single() : null,
            response.Headers.TryGetValues("X-Amzn-ErrorType", out var type) ? type.Single() : null,
            await response.Content.ReadAsByteArrayAsync());
    }

    public static byte[] Csv(IEnumerable<float[]> rows) =>
        Encoding.UTF8.GetBytes(string.Join("\n", rows.Select(r => string.Join(",", r.Select(v => v.ToString(CultureInfo.InvariantCulture))))) + "\n");

    /// <summary>The scores of a {"predictions":[{"score":x}]} body.</summary>
    public static float[] Predictions(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("score").GetSingle())];

    /// <summary>
    /// The records of an application/x-recordio-protobuf answer, read by the project's RecordIO reader: each one's
    /// <c>label["score"]</c>, <c>label["predicted_label"]</c> (empty when absent) and the number of feature values.
    /// </summary>
    public static List<(float[] Score, float[] PredictedLabel, int Features)> RecordIoPredictions(byte[] body)
    {
        var records = new List<(float[], float[], int)>();
        using var reader = new RecordIoReader(new MemoryStream(body),
            new RecordIoReadOptions { FeaturesOptional = true, Float32Only = true, LabelKeys = ["score", "predicted_label"] });
        while (reader.TryRead(out var record))
            records.Add((record.Label("score").ToArray(), record.Label("predicted_label").ToArray(), record.Features.Length));
        return records;
    }

    public sealed record Answer(HttpStatusCode Status, string? ContentType, string? Variant, string? ErrorType, byte[] Content)
    {
        public string Body => Encoding.UTF8.GetString(Content);

        public string Message => JsonDocument.Parse(Body).RootElement.GetProperty(nameof(Message)).GetString()!;
    }
}
