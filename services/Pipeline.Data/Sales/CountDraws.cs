using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Sales;

/// <summary>
/// The distributions the sales generator draws from, on <see cref="SeededRandom"/> and <see cref="PortableMath"/>
/// only, so the same stream gives the same draws on every machine.
/// </summary>
internal static class CountDraws
{
    /// <summary>Poisson means are drawn in pieces of at most this, so e^-piece stays far from underflow.</summary>
    private const double PoissonPiece = 16;

    public static double NextUniform(this ref SeededRandom random, double low, double high) =>
        low + (high - low) * random.NextDouble();

    /// <summary>Standard normal, by Marsaglia's polar method (no sine or cosine).</summary>
    public static double NextGaussian(this ref SeededRandom random)
    {
        while (true)
        {
            var u = 2 * random.NextDouble() - 1;
            var v = 2 * random.NextDouble() - 1;
            var s = u * u + v * v;
            if (s is > 0 and < 1)
                return u * Math.Sqrt(-2 * PortableMath.Log(s) / s);
        }
    }

    /// <summary>Log-normal: <paramref name="median"/> times e to a normal of deviation <paramref name="sigma"/>.</summary>
    public static double NextLogNormal(this ref SeededRandom random, double median, double sigma) =>
        median * PortableMath.Exp(sigma * random.NextGaussian());

    /// <summary>Gamma with mean <paramref name="shape"/> and scale 1 (Marsaglia and Tsang; shapes below 1 boosted).</summary>
    public static double NextGamma(this ref SeededRandom random, double shape)
    {
        if (shape < 1)
        {
            var boosted = random.NextGamma(shape + 1);
            return boosted * PortableMath.Exp(PortableMath.Log(1 - random.NextDouble()) / shape);
        }

        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            var x = random.NextGaussian();
            var v = 1 + c * x;
            if (v <= 0)
                continue;
            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (u < 1 - 0.0331 * (x * x) * (x * x)
                || PortableMath.Log(u) < 0.5 * x * x + d * (1 - v + PortableMath.Log(v)))
                return d * v;
        }
    }

    /// <summary>
    /// Poisson, by multiplying uniforms (Knuth) over pieces of the mean: a sum of Poisson counts is Poisson with the
    /// summed mean. Costs about mean + 1 uniforms, which is cheap for the small means of daily unit sales.
    /// </summary>
    public static int NextPoisson(this ref SeededRandom random, double mean)
    {
        var count = 0;
        while (mean > 0)
        {
            var piece = Math.Min(mean, PoissonPiece);
            mean -= piece;
            var threshold = PortableMath.Exp(-piece);
            var product = random.NextDouble();
            while (product > threshold)
            {
                count++;
                product *= random.NextDouble();
            }
        }

        return count;
    }
}
