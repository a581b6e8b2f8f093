using System.Text;
using System.Text.Json;

namespace Pipeline.Evaluator;

/// <summary>Reads linear learner's JSON answer, <c>{"predictions":[{"score":x},...]}</c>.</summary>
public static class PredictionsResponse
{
    public const string ContentType = "application/json";

    /// <exception cref="EvaluationFailedException">The answer is not that shape.</exception>
    public static double[] ReadScores(EndpointResponse response)
    {
        if (!response.ContentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
            throw new EvaluationFailedException($"The endpoint answered with content type '{response.ContentType}' instead of {ContentType}.");

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("predictions", out var predictions)
                || predictions.ValueKind != JsonValueKind.Array)
                throw Malformed("it has no \"predictions\" array", response);

            var scores = new double[predictions.GetArrayLength()];
            var i = 0;
            foreach (var prediction in predictions.EnumerateArray())
            {
                if (prediction.ValueKind != JsonValueKind.Object
                    || !prediction.TryGetProperty("score", out var score)
                    || score.ValueKind != JsonValueKind.Number)
                    throw Malformed($"prediction {i} has no numeric \"score\"", response);
                scores[i++] = score.GetDouble();
            }

            return scores;
        }
        catch (JsonException e)
        {
            throw Malformed($"it is not JSON ({e.Message})", response, e);
        }
    }

    private static EvaluationFailedException Malformed(string problem, EndpointResponse response, Exception? inner = null)
    {
        var start = Encoding.UTF8.GetString(response.Body.Span[..Math.Min(200, response.Body.Length)]);
        return new EvaluationFailedException($"The endpoint's answer cannot be read: {problem}. It starts: {start}", inner);
    }
}
