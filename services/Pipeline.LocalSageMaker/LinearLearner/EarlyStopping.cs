namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// Stops training once the loss (the best model's, each epoch) has not improved by more than the relative tolerance
/// for <c>patience</c> epochs in a row. A loss that is not a finite number never counts as an improvement.
/// </summary>
internal sealed class EarlyStopping(int patience, double tolerance)
{
    private double _best = double.PositiveInfinity;

    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Records an epoch's loss; true when training should stop now.</summary>
    public bool ShouldStop(double loss)
    {
        var improved = double.IsFinite(loss)
            && (double.IsPositiveInfinity(_best) || _best - loss > tolerance * Math.Abs(_best));
        if (improved)
        {
            _best = loss;
            EpochsWithoutImprovement = 0;
            return false;
        }

        EpochsWithoutImprovement++;
        return EpochsWithoutImprovement >= patience;
    }
}
