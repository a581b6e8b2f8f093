using System.Buffers;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>Scores a block of rows: features row after row, <paramref name="scores"/> one a row.</summary>
public delegate void ScoreBlock(ReadOnlySpan<float> features, Span<float> scores);

/// <summary>
/// The scoring loop every built-in algorithm's inference shares: reads rows into a pooled block, scores the block,
/// writes its predictions, until the body has no more rows; then returns the buffers and disposes reader and writer.
/// </summary>
public static class BatchScoring
{
    public const int BlockRows = 2048;

    /// <returns>The rows scored.</returns>
    public static int Run(FeatureRows rows, int featureCount, PredictionWriter writer, ScoreBlock score)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(score);
        var features = ArrayPool<float>.Shared.Rent(BlockRows * featureCount);
        var scores = ArrayPool<float>.Shared.Rent(BlockRows);
        try
        {
            writer.Begin();
            var total = 0;
            while (true)
            {
                var block = 0;
                while (block < BlockRows && rows.TryReadRow(features.AsSpan(block * featureCount, featureCount)))
                    block++;
                if (block == 0)
                    break;
                score(features.AsSpan(0, block * featureCount), scores.AsSpan(0, block));
                writer.Write(scores.AsSpan(0, block));
                total += block;
            }

            writer.End();
            return total;
        }
        finally
        {
            (rows as IDisposable)?.Dispose();
            (writer as IDisposable)?.Dispose();
            ArrayPool<float>.Shared.Return(features);
            ArrayPool<float>.Shared.Return(scores);
        }
    }
}
