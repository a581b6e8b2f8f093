using Pipeline.Data.Sales;

namespace Pipeline.Data.Tests.Sales;

public sealed class When_computing_exp_and_log_portably
{
    private static readonly double[] Arguments = [.. Enumerable.Range(0, 20_001).Select(i => -40 + i * 0.004 + i * 1e-9)];

    [Fact]
    public void Exp_agrees_with_Math_to_a_few_units_in_the_last_place()
    {
        Assert.All(Arguments.Concat([-745, -700, -1e-300, 0, 1e-300, 300, 709.7]), x =>
            Assert.True(RelativeError(PortableMath.Exp(x), Math.Exp(x)) < 1e-15, $"exp({x:R}) = {PortableMath.Exp(x):R}, Math {Math.Exp(x):R}"));
        Assert.Equal(1.0, PortableMath.Exp(0));
        Assert.Equal(0.0, PortableMath.Exp(-800));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710));
    }

    [Fact]
    public void Log_agrees_with_Math_to_a_few_units_in_the_last_place()
    {
        var positives = Arguments.Select(Math.Abs).Where(x => x > 0).Concat([double.Epsilon, 1e-310, 2.2250738585072014E-308, 1e-300, 1 - 1e-16, 1, 1 + 1e-15, 1e300, double.MaxValue]);

        Assert.All(positives, x =>
            Assert.True(Math.Abs(PortableMath.Log(x) - Math.Log(x)) < 1e-15 * Math.Max(1, Math.Abs(Math.Log(x))),
                $"log({x:R}) = {PortableMath.Log(x):R}, Math {Math.Log(x):R}"));
        Assert.Equal(0.0, PortableMath.Log(1));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0));
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
    }

    [Fact]
    public void Cos_and_Pow_agree_with_Math()
    {
        Assert.All(Arguments, x =>
        {
            Assert.True(Math.Abs(PortableMath.Cos(x) - Math.Cos(x)) < 1e-14, $"cos({x:R})");
            var power = Math.Abs(x) / 10 + 0.01;
            Assert.True(RelativeError(PortableMath.Pow(power, -2.7), Math.Pow(power, -2.7)) < 1e-14, $"pow({power:R}, -2.7)");
        });
    }

    private static double RelativeError(double value, double reference) =>
        reference == 0 ? Math.Abs(value) : Math.Abs(value - reference) / Math.Abs(reference);
}
