namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>The chosen model's end-of-training metrics, on the original label scale.</summary>
internal static class FinalMetrics
{
    /// <summary>
    /// Sums over the normalised rows of <paramref name="range"/>, so that hosts' sums add up: [rows, Σ squared error,
    /// Σ absolute error] for a regressor; [rows, Σ correct (threshold 0.5), Σ cross-entropy] for a binary classifier.
    /// </summary>
    public static double[] Sums(float[] weights, float bias, Scaling scaling, RowSet? rows, RowRange range, PredictorType predictor)
    {
        var sums = new double[3];
        if (rows is null)
            return sums;
        var (first, end) = rows.Blocks(range);
        for (var b = first; b < end; b++)
        {
            var count = rows.Block(b, range, out var features, out var labels);
            for (var r = 0; r < count; r++)
            {
                var x = features.Slice(r * weights.Length, weights.Length);
                double score = bias;
                for (var d = 0; d < x.Length; d++)
                    score += (double)weights[d] * x[d];
                if (predictor == PredictorType.Regressor)
                {
                    var error = ((score - labels[r]) * scaling.LabelStd);
                    sums[1] += error * error;
                    sums[2] += Math.Abs(error);
                }
                else
                {
                    var probability = 1 / (1 + Math.Exp(-score));
                    sums[1] += (probability >= 0.5 ? 1 : 0) == labels[r] ? 1 : 0;
                    sums[2] -= labels[r] == 1 ? Math.Log(Math.Max(probability, 1e-15)) : Math.Log(Math.Max(1 - probability, 1e-15));
                }
            }

            sums[0] += count;
        }

        return sums;
    }
}
