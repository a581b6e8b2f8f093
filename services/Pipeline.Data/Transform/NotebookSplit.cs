namespace Pipeline.Data.Transform;

/// <summary>
/// The notebook's shuffle and split of one year, <c>np.split(model_data.sample(frac=1, random_state=seed), [int(0.9 * n)])</c>:
/// the rows shuffled in place, the first <see cref="TrainCount"/> for training and the rest for validation.
/// </summary>
public readonly record struct NotebookSplit(int Rows, int TrainCount)
{
    public const double TrainShare = 0.9;

    public Range Train => ..TrainCount;

    public Range Validation => TrainCount..Rows;

    public int ValidationCount => Rows - TrainCount;

    /// <summary>Puts <paramref name="rows"/> in the order the notebook's <c>sample</c> gives them, and splits them.</summary>
    public static NotebookSplit Shuffle(KeptRows rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        rows.Shuffle(seed);
        return For(rows.Count);
    }

    public static NotebookSplit For(int rows) => new(rows, (int)(TrainShare * rows));
}
