using System.Numerics;
using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public class LossKernelTests
{
    private const double Delta = 0.8;
    private const double Epsilon = 0.3;
    private const double Tau = 0.2;

    /// <summary>Each loss from its textbook definition, in double: the kernels are checked against these.</summary>
    private static double Definition(string loss, double p, double y)
    {
        var r = p - y;
        return loss switch
        {
            "squared" => 0.5 * r * r,
            "absolute" => Math.Abs(r),
            "huber" => Math.Abs(r) <= Delta ? 0.5 * r * r : Delta * (Math.Abs(r) - (0.5 * Delta)),
            "eps_squared" => 0.5 * Math.Pow(Math.Max(0, Math.Abs(r) - Epsilon), 2),
            "eps_absolute" => Math.Max(0, Math.Abs(r) - Epsilon),
            "quantile" => y >= p ? Tau * (y - p) : (1 - Tau) * (p - y),
            "logistic" => Math.Log(1 + Math.Exp(p)) - (y * p),
            _ => throw new ArgumentOutOfRangeException(nameof(loss)),
        };
    }

    private static Vector<float> Gradient(string loss, float p, float y, out float value)
    {
        var prediction = new Vector<float>(p);
        var label = new Vector<float>(y);
        Vector<float> gradient, lossValue;
        switch (loss)
        {
            case "squared": gradient = new SquaredLossKernel().Gradient(prediction, label, out lossValue); break;
            case "absolute": gradient = new AbsoluteLossKernel().Gradient(prediction, label, out lossValue); break;
            case "huber": gradient = new HuberLossKernel((float)Delta).Gradient(prediction, label, out lossValue); break;
            case "eps_squared": gradient = new EpsInsensitiveSquaredLossKernel((float)Epsilon).Gradient(prediction, label, out lossValue); break;
            case "eps_absolute": gradient = new EpsInsensitiveAbsoluteLossKernel((float)Epsilon).Gradient(prediction, label, out lossValue); break;
            case "quantile": gradient = new QuantileLossKernel((float)Tau).Gradient(prediction, label, out lossValue); break;
            default: gradient = new LogisticLossKernel().Gradient(prediction, label, out lossValue); break;
        }

        value = lossValue[0];
        for (var lane = 1; lane < Vector<float>.Count; lane++)
            Assert.Equal(gradient[0], gradient[lane]);
        return gradient;
    }

    public static TheoryData<string, float, float> Points()
    {
        var data = new TheoryData<string, float, float>();
        // Residuals inside and outside each loss's kinks (±delta, ±epsilon, 0), never within 0.05 of one.
        foreach (var loss in new[] { "squared", "absolute", "huber", "eps_squared", "eps_absolute", "quantile" })
            foreach (var (p, y) in new[] { (2.5f, 1f), (1.2f, 1f), (0.9f, 1f), (-1.5f, 1f), (0.4f, -0.3f), (-3f, 2f) })
                data.Add(loss, p, y);
        foreach (var (p, y) in new[] { (2.5f, 1f), (-1.5f, 1f), (0.3f, 0f), (-4f, 0f), (12f, 1f), (-12f, 0f) })
            data.Add("logistic", p, y);
        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Gradient_matches_a_numeric_derivative_of_the_loss(string loss, float p, float y)
    {
        const double h = 1e-4;
        var numeric = (Definition(loss, p + h, y) - Definition(loss, p - h, y)) / (2 * h);

        var gradient = Gradient(loss, p, y, out var value);

        Assert.Equal(numeric, gradient[0], 1e-3 * Math.Max(1, Math.Abs(numeric)));
        Assert.Equal(Definition(loss, p, y), value, 1e-4 * Math.Max(1, Math.Abs(value)));
    }
}
