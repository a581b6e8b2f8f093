using System.Buffers;
using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// One loaded linear learner model answering /invocations: reads the rows of a body in its content type, scores
/// them in batches with <see cref="LinearLearnerModel.Predict"/>, writes the predictions in the accepted type. Buffers
/// come from the shared pool; nothing is allocated per row for CSV and RecordIO input, nor for any output.
/// </summary>
public sealed class LinearLearnerInference(LinearLearnerModel model) : IModelInference
{
    private const int BatchRows = 2048;

    public LinearLearnerModel Model { get; } = model;

    public string Description => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"linear learner model ({Model.PredictorType}, feature_dim={Model.FeatureDim})");

    public (string ContentType, int Rows) Invoke(ReadOnlyMemory<byte> body, string? contentType, string? accept, PooledBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var format = InferenceFormats.Output(accept)
            ?? throw new InvalidInputException(
                $"Accept '{accept}' is not a type linear learner writes: {InferenceFormats.Json}, {InferenceFormats.JsonLines} or {InferenceFormats.RecordIo}.", 406);
        var dim = Model.FeatureDim;
        var rows = InferenceFormats.MediaType(contentType) switch
        {
            InferenceFormats.Csv => new CsvFeatureRows(body),
            InferenceFormats.Json => new JsonFeatureRows(body.Span, dim),
            InferenceFormats.RecordIo => (FeatureRows)new RecordIoFeatureRows(body, dim),
            var other => throw new InvalidInputException(
                $"Content type '{(other.Length == 0 ? "(none)" : other)}' is not one linear learner reads: {InferenceFormats.Csv}, {InferenceFormats.Json} or {InferenceFormats.RecordIo}.", 415),
        };

        var writer = PredictionWriter.Create(format, output, Model.PredictorType);
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
                Model.Predict(features.AsSpan(0, batch * dim), dim, scores.AsSpan(0, batch));
                writer.Write(scores.AsSpan(0, batch));
                total += batch;
            }

            writer.End();
            return (format, total);
        }
        finally
        {
            (rows as IDisposable)?.Dispose();
            (writer as IDisposable)?.Dispose();
            ArrayPool<float>.Shared.Return(features);
            ArrayPool<float>.Shared.Return(scores);
        }
    }
}
