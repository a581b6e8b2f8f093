using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// One loaded linear learner model answering /invocations: reads the rows of a body in its content type, scores
/// them in batches with <see cref="LinearLearnerModel.Predict"/>, writes the predictions in the accepted type. Buffers
/// come from the shared pool; nothing is allocated per row for CSV and RecordIO input, nor for any output.
/// </summary>
public sealed class LinearLearnerInference(LinearLearnerModel model) : IModelInference
{
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
        return (format, BatchScoring.Run(rows, dim, writer, (features, scores) => Model.Predict(features, dim, scores)));
    }
}
