using System.Globalization;
using Pipeline.LocalSageMaker.XGBoost;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// One loaded XGBoost model answering /invocations as SageMaker's XGBoost container does: text/csv (features only,
/// an empty field missing) or text/libsvm in; text/csv out unless Accept asks for application/json or
/// application/jsonlines (<see cref="XGBoostPredictionWriter"/>).
/// </summary>
public sealed class XGBoostInference(XGBoostModel model, bool batchTransform) : IModelInference
{
    public XGBoostModel Model { get; } = model;

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"XGBoost model ({Model.Objective}, {Model.TreeCount} trees, num_feature={Model.FeatureCount})");

    public (string ContentType, int Rows) Invoke(ReadOnlyMemory<byte> body, string? contentType, string? accept, PooledBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var format = Output(accept)
            ?? throw new InvalidInputException(
                $"Accept type {accept} is not supported. Please use supported accept types: {InferenceFormats.Csv}, {InferenceFormats.Json}, {InferenceFormats.JsonLines}.", 406);
        var dim = Model.FeatureCount;
        FeatureRows rows = InferenceFormats.MediaType(contentType) switch
        {
            InferenceFormats.Csv => new CsvFeatureRows(body, missingValues: true),
            InferenceFormats.LibSvm or "text/x-libsvm" => new LibSvmFeatureRows(body),
            var other => throw new InvalidInputException(
                $"Content type {(other.Length == 0 ? "(none)" : other)} is not supported by XGBoost: {InferenceFormats.Csv} or {InferenceFormats.LibSvm}.", 415),
        };

        var writer = new XGBoostPredictionWriter(format, output, batchTransform);
        return (format, BatchScoring.Run(rows, dim, writer, (features, scores) => Model.Predict(features, scores)));
    }

    /// <summary>The container's choice: text/csv when Accept is absent or */*, else one of the types it writes.</summary>
    private static string? Output(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
            return InferenceFormats.Csv;
        foreach (var candidate in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var type = InferenceFormats.MediaType(candidate);
            if (type is InferenceFormats.Csv or InferenceFormats.Json or InferenceFormats.JsonLines)
                return type;
            if (type is "*/*" or "text/*")
                return InferenceFormats.Csv;
        }

        return null;
    }
}
