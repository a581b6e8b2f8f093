namespace Pipeline.Data.Transform;

/// <summary>
/// The notebook's shuffle and split of one year: <c>np.split(model_data.sample(frac=1, random_state=seed), [int(0.9 * n)])</c>.
/// </summary>
public sealed record NotebookSplit(int[] Order, int TrainCount)
{
    public const double TrainShare = 0.9;

    public static NotebookSplit For(int rows, int seed) =>
        new(new NumpyRandomState(unchecked((uint)seed)).Permutation(rows), (int)(TrainShare * rows));

    public ReadOnlySpan<int> Train => Order.AsSpan(0, TrainCount);

    public ReadOnlySpan<int> Validation => Order.AsSpan(TrainCount);
}
