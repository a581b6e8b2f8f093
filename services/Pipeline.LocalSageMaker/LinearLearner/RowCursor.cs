namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>Walks a host's rows in order, one mini-batch at a time, across the blocks they are stored in.</summary>
internal sealed class RowCursor(RowSet? rows)
{
    private int _block;
    private int _offset;

    /// <summary>Trains every model on the next (up to) <paramref name="batchSize"/> rows; returns how many there were.</summary>
    public int TrainBatch<TLoss>(ModelBank bank, TLoss loss, int batchSize) where TLoss : struct, ILossKernel
    {
        var taken = 0;
        while (taken < batchSize && rows is not null && _block < rows.BlockCount)
        {
            var count = rows.Block(_block, out var features, out var labels);
            var n = Math.Min(batchSize - taken, count - _offset);
            bank.Accumulate(loss, features.Slice(_offset * rows.FeatureCount, n * rows.FeatureCount), labels.Slice(_offset, n));
            _offset += n;
            taken += n;
            if (_offset == count)
            {
                _block++;
                _offset = 0;
            }
        }

        bank.ApplyGradient(taken);
        return taken;
    }
}
