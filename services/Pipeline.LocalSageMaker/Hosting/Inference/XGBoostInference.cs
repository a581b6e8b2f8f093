using System.Buffers;
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
    private const int BatchRows = 2048;

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
        var features = ArrayPool<float>.Shared.Rent(BatchRows * dim);
        var scores = ArrayPool<float>.Shared.Rent(BatchRows);
        try
        {
            writer.Begin();
            var total = 0;
            while (true)
            {
                var batch = 0;
                while (batch < BatchRows && rows.TryReadRow(features.AsSpan(batch * dim, dim)))
                    batch++;
                if (batch == 0)
                    break;
                Model.Predict(features.AsSpan(0, batch * dim), scores.AsSpan(0, batch));
                writer.Write(scores.AsSpan(0, batch));
                total += batch;
            }

            writer.End();
            return (format, total);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(features);
            ArrayPool<float>.Shared.Return(scores);
        }
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
