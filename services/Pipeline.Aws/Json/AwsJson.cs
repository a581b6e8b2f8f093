using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Aws.Json;

/// <summary>Serializer settings of the JSON protocols: members as botocore names them, absent members left out.</summary>
public static class AwsJson
{
    /// <summary>SageMaker (JSON 1.1): PascalCase members, epoch-second timestamps.</summary>
    public static JsonSerializerOptions SageMaker { get; } = Create(namingPolicy: null);

    /// <summary>CloudWatch Logs (JSON 1.1): camelCase members; its timestamps are milliseconds as plain numbers.</summary>
    public static JsonSerializerOptions Logs { get; } = Create(JsonNamingPolicy.CamelCase);

    private static JsonSerializerOptions Create(JsonNamingPolicy? namingPolicy)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = namingPolicy,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
        };
        options.Converters.Add(new EpochSecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
