using System.Text.Json;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// application/json: <c>{"instances":[{"features":[...]}, ...]}</c>, or one row as <c>{"features":[...]}</c>. Other
/// members are ignored. The rows are read when constructed (JSON bodies are small next to CSV ones).
/// </summary>
public sealed class JsonFeatureRows : FeatureRows
{
    private readonly List<float[]> _rows = [];
    private int _next;

    public JsonFeatureRows(ReadOnlySpan<byte> body, int featureDim)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, "The body must be a JSON object with \"instances\" or \"features\".");
            var found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("instances"u8))
                {
                    Expect(ref reader, JsonTokenType.StartArray, "\"instances\" must be an array of {\"features\": [...]} objects.");
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        _rows.Add(ReadInstance(ref reader, featureDim, _rows.Count + 1));
                    found = true;
                }
                else if (reader.ValueTextEquals("features"u8))
                {
                    reader.Read();
                    _rows.Add(ReadFeatures(ref reader, featureDim, _rows.Count + 1));
                    found = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!found)
                throw new InvalidInputException("The body has neither \"instances\" nor \"features\".");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }

    public override bool TryReadRow(Span<float> features)
    {
        if (_next == _rows.Count)
            return false;
        _rows[_next++].CopyTo(features);
        RowsRead = _next;
        return true;
    }

    private static float[] ReadInstance(ref Utf8JsonReader reader, int featureDim, int row)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new InvalidInputException($"Instance {row} is not an object with \"features\".");
        float[]? features = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFeatures = reader.ValueTextEquals("features"u8);
            reader.Read();
            if (isFeatures)
                features = ReadFeatures(ref reader, featureDim, row);
            else
                reader.Skip();
        }

        return features ?? throw new InvalidInputException($"Instance {row} has no \"features\".");
    }

    private static float[] ReadFeatures(ref Utf8JsonReader reader, int featureDim, int row)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new InvalidInputException($"Instance {row}: \"features\" must be an array of numbers.");
        var values = new List<float>(featureDim);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out var value) || !float.IsFinite(value))
                throw new InvalidInputException($"Instance {row}, feature {values.Count + 1} is not a finite number.");
            values.Add(value);
        }

        if (values.Count != featureDim)
            throw WrongWidth("Instance", row, values.Count, featureDim);
        return [.. values];
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string problem)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new InvalidInputException(problem);
    }
}
