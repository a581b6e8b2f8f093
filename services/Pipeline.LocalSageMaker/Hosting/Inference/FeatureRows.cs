namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// The rows of one request body, read one at a time into a caller's span of exactly the model's feature count.
/// A row that cannot be read throws <see cref="InvalidInputException"/> naming it (1-based).
/// </summary>
public abstract class FeatureRows
{
    /// <summary>Rows read so far; the number of the row just read.</summary>
    public int RowsRead { get; protected set; }

    /// <summary>Reads the next row into <paramref name="features"/>; false when there are no more rows.</summary>
    public abstract bool TryReadRow(Span<float> features);

    protected static InvalidInputException WrongWidth(string what, int row, int found, int expected) =>
        new($"{what} {row} has {found} features; the model takes {expected} (feature_dim).");
}
