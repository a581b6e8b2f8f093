using Pipeline.Contracts;

namespace Pipeline.Evaluator;

/// <summary>
/// Accumulates squared and absolute errors and the label variance in one pass, in double: Welford's update for
/// the label mean and SST (so R2 does not suffer the cancellation of sum(y^2) - n*mean^2), compensated sums for
/// SSE and SAE. Accumulators of separate batches merge exactly as if their rows had been added to one.
/// </summary>
public sealed class RegressionMetrics
{
    private long _rows;
    private double _labelMean;
    private double _sst;
    private CompensatedSum _sse;
    private CompensatedSum _sae;

    public long Rows => _rows;

    public double Mse => _rows == 0 ? double.NaN : _sse.Value / _rows;

    public double Rmse => Math.Sqrt(Mse);

    public double Mae => _rows == 0 ? double.NaN : _sae.Value / _rows;

    /// <summary>1 - SSE/SST; NaN when every label is the same (SST = 0) or there are no rows.</summary>
    public double R2 => _rows == 0 || _sst == 0 ? double.NaN : 1 - _sse.Value / _sst;

    public void Add(double label, double prediction)
    {
        var error = label - prediction;
        _sse.Add(error * error);
        _sae.Add(Math.Abs(error));

        _rows++;
        var delta = label - _labelMean;
        _labelMean += delta / _rows;
        _sst += delta * (label - _labelMean);
    }

    /// <summary>Adds another accumulator's rows (Chan et al.'s pairwise combination for the label variance).</summary>
    public void Merge(RegressionMetrics other)
    {
        if (other._rows == 0)
            return;
        var rows = _rows + other._rows;
        var delta = other._labelMean - _labelMean;
        _sst += other._sst + delta * delta * ((double)_rows * other._rows / rows);
        _labelMean += delta * other._rows / rows;
        _rows = rows;
        _sse.Add(other._sse);
        _sae.Add(other._sae);
    }

    public EvaluationMetrics ToEvaluationMetrics(int invocations) => new()
    {
        Rows = Rows,
        Mse = Mse,
        Rmse = Rmse,
        Mae = Mae,
        R2 = R2,
        Invocations = invocations,
    };

    /// <summary>Neumaier's compensated summation.</summary>
    private struct CompensatedSum
    {
        private double _sum;
        private double _compensation;

        public readonly double Value => _sum + _compensation;

        public void Add(double value)
        {
            var t = _sum + value;
            _compensation += Math.Abs(_sum) >= Math.Abs(value) ? _sum - t + value : value - t + _sum;
            _sum = t;
        }

        public void Add(CompensatedSum other)
        {
            Add(other._sum);
            Add(other._compensation);
        }
    }
}
