using System.Numerics;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// A loss evaluated for many models at once: <paramref name="prediction"/> holds one model per lane, the label is
/// broadcast. Returns the derivative of the loss with respect to the prediction and the loss itself. Implemented by
/// structs so that the training loop is compiled once per loss, with no branch on the loss kind per row.
/// </summary>
internal interface ILossKernel
{
    Vector<float> Gradient(Vector<float> prediction, Vector<float> label, out Vector<float> loss);
}

/// <summary>½(p − y)², as MXNet's LinearRegressionOutput (which linear learner trains with) differentiates it.</summary>
internal readonly struct SquaredLossKernel : ILossKernel
{
    public Vector<float> Gradient(Vector<float> prediction, Vector<float> label, out Vector<float> loss)
    {
        var residual = prediction - label;
        loss = residual * residual * new Vector<float>(0.5f);
        return residual;
    }
}

/// <summary>|p − y|.</summary>
internal readonly struct AbsoluteLossKernel : ILossKernel
{
    public Vector<float> Gradient(Vector<float> prediction, Vector<float> label, out Vector<float> loss)
    {
        var residual = prediction - label;
        loss = Vector.Abs(residual);
        return Sign(residual);
    }

    internal static Vector<float> Sign(Vector<float> value) =>
        Vector.ConditionalSelect(Vector.GreaterThan(value, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero)
        - Vector.ConditionalSelect(Vector.LessThan(value, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
}

/// <summary>½r² within ±delta, delta(|r| − ½delta) beyond.</summary>
internal readonly struct HuberLossKernel(float delta) : ILossKernel
{
    public Vector<float> Gradient(Vector<float> prediction, Vector<float> label, out Vector<float> loss)
    {
        var d = new Vector<float>(delta);
        var residual = prediction - label;
        var magnitude = Vector.Abs(residual);
        var inside = Vector.LessThanOrEqual(magnitude, d);
        loss = Vector.ConditionalSelect(inside, residual * residual * new Vector<float>(0.5f), d * (magnitude - d * new Vector<float>(0.5f)));
        return Vector.Min(Vector.Max(residual, -d), d);
    }
}

/// <summary>½ max(0, |r| − ε)².</summary>
internal readonly struct EpsInsensitiveSquaredLossKernel(float epsilon) : ILossKernel
{
    public Vector<float> Gradient(Vector<float> prediction, Vector<float> label, out Vector<float> loss)
    {
        var residual = prediction - label;
        var excess = Vector.Max(Vector.Abs(residual) - new Vector<float>(epsilon), Vector<float>.Zero);
        loss = excess * excess * new Vector<float>(0.5f);
        return excess * AbsoluteLossKernel.Sign(residual);
    }
}

/// <summary>max(0, |r| − ε).</summary>
internal readonly struct EpsInsensitiveAbsoluteLossKernel(float epsilon) : ILossKernel
{
    public Vector<float> Gradient(Vector<float> prediction, Vector<float> label, out Vector<float> loss)
    {
        var residual = prediction - label;
        var excess = Vector.Abs(residual) - new Vector<float>(epsilon);
        var outside = Vector.GreaterThan(excess, Vector<float>.Zero);
        loss = Vector.ConditionalSelect(outside, excess, Vector<float>.Zero);
        return Vector.ConditionalSelect(outside, AbsoluteLossKernel.Sign(residual), Vector<float>.Zero);
    }
}

/// <summary>Pinball loss for quantile τ: τ(y − p) when y ≥ p, (1 − τ)(p − y) otherwise.</summary>
internal readonly struct QuantileLossKernel(float quantile) : ILossKernel
{
    public Vector<float> Gradient(Vector<float> prediction, Vector<float> label, out Vector<float> loss)
    {
        var tau = new Vector<float>(quantile);
        var residual = label - prediction;
        var under = Vector.GreaterThanOrEqual(residual, Vector<float>.Zero);
        loss = Vector.ConditionalSelect(under, tau * residual, (tau - Vector<float>.One) * residual);
        return Vector.ConditionalSelect(under, -tau, Vector<float>.One - tau);
    }
}

/// <summary>Logistic loss on a logit p with label y in {0, 1}: log(1 + e^p) − y·p; derivative σ(p) − y.</summary>
internal readonly struct LogisticLossKernel : ILossKernel
{
    public Vector<float> Gradient(Vector<float> prediction, Vector<float> label, out Vector<float> loss)
    {
        // log(1 + e^p) computed as max(p, 0) + log(1 + e^-|p|), which neither overflows nor loses small values.
        var negativeMagnitude = -Vector.Abs(prediction);
        var expNegative = Vector.Exp(negativeMagnitude);
        loss = Vector.Max(prediction, Vector<float>.Zero) + Vector.Log(Vector<float>.One + expNegative) - label * prediction;
        var sigmoid = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(prediction, Vector<float>.Zero),
            Vector<float>.One / (Vector<float>.One + expNegative),
            expNegative / (Vector<float>.One + expNegative));
        return sigmoid - label;
    }
}
