namespace Pipeline.Data.RecordIO;

public sealed record RecordIoReadOptions
{
    public static RecordIoReadOptions Default { get; } = new();

    /// <summary>
    /// The number of features every row must have (linear learner's <c>feature_dim</c>). Sparse rows without a
    /// shape are expanded to it; a row of any other width is an error. Null: dense rows keep their width and sparse
    /// rows need a shape.
    /// </summary>
    public int? FeatureDim { get; init; }

    /// <summary>
    /// Refuse Float64 and Int32 tensors, as linear learner does. Otherwise they are read as float (Float64 narrowed
    /// to the nearest float, Int32 converted) and <see cref="RecordIoRecord.FeatureType"/> says what they were.
    /// </summary>
    public bool Float32Only { get; init; }

    /// <summary>
    /// Read records without <c>features["values"]</c>, such as the label-only records an algorithm answers with
    /// predictions, with empty <see cref="RecordIoRecord.Features"/>. Otherwise such a record is an error.
    /// </summary>
    public bool FeaturesOptional { get; init; }

    /// <summary>
    /// Keys of the label map to read besides "values" (linear learner's predictions: "score" and
    /// "predicted_label"), each through <see cref="RecordIoRecord.Label"/>. Entries under other keys are skipped.
    /// </summary>
    public IReadOnlyList<string> LabelKeys { get; init; } = [];
}
