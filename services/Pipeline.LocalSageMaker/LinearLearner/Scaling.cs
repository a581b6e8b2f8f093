namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// The normalisation linear learner applies: each feature to zero mean and unit standard deviation, and the label too
/// for regressors. A feature (or label) that is constant in the sample keeps a standard deviation of 1, so it is only
/// centred and nothing divides by zero. Without normalisation the means are 0 and the deviations 1.
/// </summary>
internal sealed record Scaling(float[] FeatureMean, float[] FeatureStd, float LabelMean, float LabelStd)
{
    /// <summary>
    /// The sums a host contributes from its sample: up to <paramref name="sampleSize"/> of its rows, taken at an even
    /// stride across them. Layout: [rows, Σx (D), Σx² (D), Σy, Σy²], so that hosts' sums add up.
    /// </summary>
    public static double[] SampleSums(RowSet? rows, int featureCount, int sampleSize)
    {
        var sums = new double[1 + (2 * featureCount) + 2];
        if (rows is null || rows.Count == 0)
            return sums;
        var take = Math.Min(rows.Count, sampleSize);
        var stride = rows.Count / (double)take;
        for (long i = 0; i < take; i++)
        {
            var row = (long)(i * stride);
            var x = rows.Features(row);
            for (var d = 0; d < featureCount; d++)
            {
                sums[1 + d] += x[d];
                sums[1 + featureCount + d] += (double)x[d] * x[d];
            }

            double y = rows.Label(row);
            sums[1 + (2 * featureCount)] += y;
            sums[2 + (2 * featureCount)] += y * y;
        }

        sums[0] = take;
        return sums;
    }

    public static Scaling FromSums(double[] sums, int featureCount, bool normalizeData, bool normalizeLabel)
    {
        var n = Math.Max(sums[0], 1);
        var mean = new float[featureCount];
        var std = new float[featureCount];
        for (var d = 0; d < featureCount; d++)
        {
            (mean[d], std[d]) = normalizeData ? Moments(sums[1 + d], sums[1 + featureCount + d], n) : (0f, 1f);
        }

        var (labelMean, labelStd) = normalizeLabel ? Moments(sums[1 + (2 * featureCount)], sums[2 + (2 * featureCount)], n) : (0f, 1f);
        return new Scaling(mean, std, labelMean, labelStd);
    }

    /// <summary>Normalises every row in place.</summary>
    public void Apply(RowSet? rows) => Apply(rows, RowRange.All(rows));

    /// <summary>Normalises the rows of <paramref name="range"/> in place.</summary>
    public void Apply(RowSet? rows, RowRange range)
    {
        if (rows is null)
            return;
        var inverse = new float[FeatureStd.Length];
        for (var d = 0; d < inverse.Length; d++)
            inverse[d] = 1f / FeatureStd[d];
        var labelInverse = 1f / LabelStd;
        var (first, end) = rows.Blocks(range);
        for (var b = first; b < end; b++)
        {
            var count = rows.Block(b, range, out var features, out var labels);
            for (var r = 0; r < count; r++)
            {
                var x = features.Slice(r * inverse.Length, inverse.Length);
                for (var d = 0; d < x.Length; d++)
                    x[d] = (x[d] - FeatureMean[d]) * inverse[d];
                labels[r] = (labels[r] - LabelMean) * labelInverse;
            }
        }
    }

    private static (float Mean, float Std) Moments(double sum, double sumOfSquares, double n)
    {
        var mean = sum / n;
        var variance = Math.Max(0, (sumOfSquares / n) - (mean * mean));
        var std = Math.Sqrt(variance);
        // Constant within rounding: centre only.
        if (!(std > 1e-6 * Math.Max(1, Math.Abs(mean))))
            std = 1;
        return ((float)mean, (float)std);
    }
}
