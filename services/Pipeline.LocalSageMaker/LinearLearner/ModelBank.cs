using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// The parameters, gradients and optimizer state of all models trained together, laid out [feature][model] (rows
/// 0..D−1 the weights, row D the bias; each row padded to a whole number of <see cref="Vector{T}"/>s with inert models).
/// A row's work is then, for each feature, one broadcast of its value and fused multiply-adds across the models.
/// </summary>
internal sealed class ModelBank
{
    private const float Epsilon = 1e-8f;

    /// <summary>Rows whose losses Evaluate adds up in float before adding them to the double totals.</summary>
    internal const int LossFlushRows = 1024;

    private readonly int _vectors;
    private readonly float[] _gradient;
    private readonly float[] _first;
    private readonly float[] _second;
    private readonly float[] _baseRates;
    private readonly float[] _rates;
    private readonly float[] _wd;
    private readonly float[] _l1;
    private readonly float[] _batchLoss;
    private readonly double[] _lossSums;
    private readonly LinearLearnerOptimizer _optimizer;
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _momentum;
    private readonly bool _useBias;
    private long _steps;

    public ModelBank(int featureCount, IReadOnlyList<ModelSettings> models, LinearLearnerHyperparameters hyperparameters, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        FeatureCount = featureCount;
        ModelCount = models.Count;
        _vectors = (models.Count + Vector<float>.Count - 1) / Vector<float>.Count;
        Stride = _vectors * Vector<float>.Count;
        var size = (featureCount + 1) * Stride;
        Parameters = new float[size];
        _gradient = new float[size];
        _first = new float[size];
        _second = new float[size];
        _baseRates = new float[Stride];
        _rates = new float[Stride];
        _wd = new float[Stride];
        _l1 = new float[Stride];
        _batchLoss = new float[Stride];
        _lossSums = new double[ModelCount];
        _optimizer = hyperparameters.Optimizer;
        _beta1 = hyperparameters.Beta1;
        _beta2 = hyperparameters.Beta2 ?? (_optimizer == LinearLearnerOptimizer.RmsProp ? 0.9f : 0.999f);
        _momentum = hyperparameters.Momentum;
        _useBias = hyperparameters.UseBias;

        foreach (var model in models)
        {
            _baseRates[model.Index] = model.LearningRate;
            _wd[model.Index] = model.Wd;
            _l1[model.Index] = model.L1;
        }

        _baseRates.CopyTo(_rates, 0);
        Initialise(hyperparameters, seed);
    }

    public int FeatureCount { get; }

    public int ModelCount { get; }

    /// <summary>Floats per parameter row: the model count rounded up to whole vectors.</summary>
    public int Stride { get; }

    /// <summary>Weights then bias, [row][model]: what hosts average when they synchronise.</summary>
    public float[] Parameters { get; }

    /// <summary>Per model, the sum of the training loss of every row accumulated so far (each row's loss before its batch's update).</summary>
    public ReadOnlySpan<double> TrainingLossSums => _lossSums;

    public void ResetTrainingLoss() => Array.Clear(_lossSums);

    /// <summary>Scales every model's learning rate to <paramref name="factor"/> of its base, not below <paramref name="minimum"/>.</summary>
    public void ScaleLearningRates(float factor, float minimum)
    {
        for (var m = 0; m < ModelCount; m++)
            _rates[m] = Math.Max(_baseRates[m] * factor, Math.Min(_baseRates[m], minimum));
    }

    public float Weight(int model, int feature) => Parameters[(feature * Stride) + model];

    public float Bias(int model) => Parameters[(FeatureCount * Stride) + model];

    /// <summary>
    /// Adds the gradient of rows (features row-major, <see cref="FeatureCount"/> per row) to the batch's, each row's
    /// loss to the training loss. Call <see cref="ApplyGradient"/> once the batch's rows are in.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate<TLoss>(TLoss loss, ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
        where TLoss : struct, ILossKernel
    {
        var featureCount = FeatureCount;
        var vectors = _vectors;
        var weights = MemoryMarshal.Cast<float, Vector<float>>(Parameters.AsSpan());
        var gradient = MemoryMarshal.Cast<float, Vector<float>>(_gradient.AsSpan());
        var batchLoss = MemoryMarshal.Cast<float, Vector<float>>(_batchLoss.AsSpan());
        var bias = weights.Slice(featureCount * vectors, vectors);
        var biasGradient = gradient.Slice(featureCount * vectors, vectors);
        Span<Vector<float>> values = stackalloc Vector<float>[vectors];

        for (var r = 0; r < labels.Length; r++)
        {
            var x = features.Slice(r * featureCount, featureCount);
            Predict(x, weights, bias, values);

            var label = new Vector<float>(labels[r]);
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = loss.Gradient(values[v], label, out var rowLoss);
                batchLoss[v] += rowLoss;
                biasGradient[v] += values[v];
            }

            for (var d = 0; d < x.Length; d++)
            {
                var xd = new Vector<float>(x[d]);
                var row = gradient.Slice(d * vectors, vectors);
                for (var v = 0; v < values.Length; v++)
                    row[v] = Vector.FusedMultiplyAdd(xd, values[v], row[v]);
            }
        }
    }

    /// <summary>One optimizer step on the mean gradient of the <paramref name="rows"/> rows accumulated, then clears it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ApplyGradient(int rows)
    {
        for (var m = 0; m < ModelCount; m++)
            _lossSums[m] += _batchLoss[m];
        Array.Clear(_batchLoss);
        if (rows == 0)
            return;

        _steps++;
        var parameters = MemoryMarshal.Cast<float, Vector<float>>(Parameters.AsSpan());
        var gradient = MemoryMarshal.Cast<float, Vector<float>>(_gradient.AsSpan());
        var first = MemoryMarshal.Cast<float, Vector<float>>(_first.AsSpan());
        var second = MemoryMarshal.Cast<float, Vector<float>>(_second.AsSpan());
        var rates = MemoryMarshal.Cast<float, Vector<float>>(_rates.AsSpan());
        var wd = MemoryMarshal.Cast<float, Vector<float>>(_wd.AsSpan());
        var l1 = MemoryMarshal.Cast<float, Vector<float>>(_l1.AsSpan());
        var scale = new Vector<float>(1f / rows);
        var beta1 = new Vector<float>(_beta1);
        var beta2 = new Vector<float>(_beta2);
        var momentum = new Vector<float>(_momentum);
        var epsilon = new Vector<float>(Epsilon);
        var adamStep = (float)(Math.Sqrt(1 - Math.Pow(_beta2, _steps)) / (1 - Math.Pow(_beta1, _steps)));

        for (var row = 0; row <= FeatureCount; row++)
        {
            var isBias = row == FeatureCount;
            var offset = row * _vectors;
            for (var v = 0; v < _vectors; v++)
            {
                var i = offset + v;
                var w = parameters[i];
                var g = gradient[i] * scale;
                gradient[i] = Vector<float>.Zero;
                if (isBias)
                {
                    if (!_useBias)
                        continue;
                }
                else
                {
                    // L2 (wd) and the L1 subgradient; the bias is not regularised.
                    g += (wd[v] * w) + (l1[v] * AbsoluteLossKernel.Sign(w));
                }

                switch (_optimizer)
                {
                    case LinearLearnerOptimizer.Adam:
                        first[i] = (beta1 * first[i]) + ((Vector<float>.One - beta1) * g);
                        second[i] = (beta2 * second[i]) + ((Vector<float>.One - beta2) * g * g);
                        parameters[i] = w - (rates[v] * adamStep * first[i] / (Vector.SquareRoot(second[i]) + epsilon));
                        break;
                    case LinearLearnerOptimizer.Sgd:
                        first[i] = (momentum * first[i]) - (rates[v] * g);
                        parameters[i] = w + first[i];
                        break;
                    default:
                        second[i] = (beta2 * second[i]) + ((Vector<float>.One - beta2) * g * g);
                        parameters[i] = w - (rates[v] * g / (Vector.SquareRoot(second[i]) + epsilon));
                        break;
                }
            }
        }
    }

    /// <summary>Adds each model's loss over the rows of <paramref name="range"/> to <paramref name="lossSums"/>.</summary>
    public void Evaluate<TLoss>(TLoss loss, RowSet rows, RowRange range, Span<double> lossSums) where TLoss : struct, ILossKernel
    {
        var (first, end) = rows.Blocks(range);
        for (var b = first; b < end; b++)
        {
            rows.Block(b, range, out var features, out var labels);
            Evaluate(loss, features, labels, lossSums);
        }
    }

    /// <summary>Adds each model's loss over the rows to <paramref name="lossSums"/> (one per model); parameters unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate<TLoss>(TLoss loss, ReadOnlySpan<float> features, ReadOnlySpan<float> labels, Span<double> lossSums)
        where TLoss : struct, ILossKernel
    {
        var featureCount = FeatureCount;
        var vectors = _vectors;
        var weights = MemoryMarshal.Cast<float, Vector<float>>(Parameters.AsSpan());
        var bias = weights.Slice(featureCount * vectors, vectors);
        Span<Vector<float>> values = stackalloc Vector<float>[vectors];
        Span<Vector<float>> sums = stackalloc Vector<float>[vectors];
        Span<float> flushed = MemoryMarshal.Cast<Vector<float>, float>(sums);
        sums.Clear();

        for (var r = 0; r < labels.Length; r++)
        {
            Predict(features.Slice(r * featureCount, featureCount), weights, bias, values);

            var label = new Vector<float>(labels[r]);
            for (var v = 0; v < values.Length; v++)
            {
                loss.Gradient(values[v], label, out var rowLoss);
                sums[v] += rowLoss;
            }

            if ((r + 1) % LossFlushRows == 0 || r == labels.Length - 1)
            {
                for (var m = 0; m < lossSums.Length; m++)
                    lossSums[m] += flushed[m];
                sums.Clear();
            }
        }
    }

    private void Initialise(LinearLearnerHyperparameters hyperparameters, int seed)
    {
        // The same seed on every host: the hosts start from the same models, as distributed training needs.
        var random = new Random(seed);
        for (var m = 0; m < ModelCount; m++)
        {
            for (var d = 0; d < FeatureCount; d++)
            {
                Parameters[(d * Stride) + m] = hyperparameters.InitMethod == InitMethod.Uniform
                    ? (float)(((random.NextDouble() * 2) - 1) * hyperparameters.InitScale)
                    : (float)(Normal(random) * hyperparameters.InitSigma);
            }

            Parameters[(FeatureCount * Stride) + m] = hyperparameters.UseBias ? hyperparameters.InitBias : 0f;
        }
    }

    /// <summary>Every model's prediction for one row (<paramref name="x"/>), a vector of models at a time, into <paramref name="values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Predict(ReadOnlySpan<float> x, ReadOnlySpan<Vector<float>> weights, ReadOnlySpan<Vector<float>> bias, Span<Vector<float>> values)
    {
        var vectors = values.Length;
        bias.CopyTo(values);
        for (var d = 0; d < x.Length; d++)
        {
            var xd = new Vector<float>(x[d]);
            var row = weights.Slice(d * vectors, vectors);
            for (var v = 0; v < values.Length; v++)
                values[v] = Vector.FusedMultiplyAdd(xd, row[v], values[v]);
        }
    }

    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
