namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// Remembers, per model, its lowest loss over the epochs, and a copy of the parameters of the best (model, epoch) seen
/// so far: the model written at the end is that one, not necessarily the last epoch's.
/// </summary>
internal sealed class BestModelTracker
{
    private readonly double[] _bestLoss;
    private readonly int[] _bestEpoch;

    public BestModelTracker(int models, int featureCount)
    {
        _bestLoss = new double[models];
        _bestEpoch = new int[models];
        Array.Fill(_bestLoss, double.PositiveInfinity);
        Array.Fill(_bestEpoch, -1);
        Weights = new float[featureCount];
    }

    public int Model { get; private set; } = -1;

    public int Epoch { get; private set; } = -1;

    public double Loss { get; private set; } = double.PositiveInfinity;

    public float[] Weights { get; }

    public float Bias { get; private set; }

    public bool HasModel => Model >= 0;

    public double BestLoss(int model) => _bestLoss[model];

    public int BestEpoch(int model) => _bestEpoch[model];

    /// <summary>Takes an epoch's mean loss per model (non-finite losses are ignored) with the parameters they were measured on.</summary>
    public void Observe(int epoch, ReadOnlySpan<double> losses, ModelBank bank)
    {
        for (var m = 0; m < losses.Length; m++)
        {
            if (!double.IsFinite(losses[m]) || losses[m] >= _bestLoss[m])
                continue;
            _bestLoss[m] = losses[m];
            _bestEpoch[m] = epoch;
            if (losses[m] >= Loss)
                continue;
            Loss = losses[m];
            Model = m;
            Epoch = epoch;
            for (var d = 0; d < Weights.Length; d++)
                Weights[d] = bank.Weight(m, d);
            Bias = bank.Bias(m);
        }
    }
}
