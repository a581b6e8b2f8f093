namespace Pipeline.Data.Sales;

/// <summary>
/// exp, log and cos from IEEE additions, multiplications and divisions only, so they give the same bits on every
/// machine: <see cref="Math.Exp(double)"/> and its kin call the platform's C library (glibc, the Windows CRT,
/// Apple's libm), which may differ in the last bit, and a last bit can tip a generated count or price.
/// Accurate to a few units in the last place, which is all the generator needs.
/// </summary>
internal static class PortableMath
{
    // fdlibm's split of ln 2: the high part has 32 significant bits, so k * Ln2High / 32 is exact for |k| < 2^21.
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double InverseLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;
    private const double TwoPi = 2 * Math.PI;
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>1/n for n = 0..30 (0 unused): series terms multiply by these rather than divide, which is faster.</summary>
    private static readonly double[] Inverse = Enumerable.Range(0, 31).Select(n => n == 0 ? 0 : 1.0 / n).ToArray();

    /// <summary>2^(j/32) for j = 0..31, each from e^(j ln2 / 32)'s Taylor series to the 24th power.</summary>
    private static readonly double[] TwoToTheThirtySeconds = Enumerable.Range(0, 32).Select(j =>
    {
        var r = j * (Ln2High + Ln2Low) / 32;
        var sum = 1.0;
        for (var n = 24; n >= 1; n--)
            sum = 1 + r * sum / n;
        return sum;
    }).ToArray();

    public static double Exp(double x)
    {
        if (double.IsNaN(x))
            return x;
        if (x > 709.78)
            return double.PositiveInfinity;
        if (x < -745.2)
            return 0;

        // x = (32m + j) ln2 / 32 + r with |r| <= ln2 / 64: e^x = 2^m 2^(j/32) e^r, e^r to r^6 (the rest < 1e-17).
        var k = Math.Round(x * 32 * InverseLn2);
        var r = x - k * (Ln2High / 32) - k * (Ln2Low / 32);
        var j = (int)k & 31;
        var m = ((int)k - j) / 32;
        var sum = 1.0;
        for (var n = 6; n >= 1; n--)
            sum = 1 + r * sum * Inverse[n];
        return Math.ScaleB(TwoToTheThirtySeconds[j] * sum, m);
    }

    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
            return double.NaN;
        if (x == 0)
            return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x))
            return x;

        // x = m 2^e with m in [sqrt(1/2), sqrt(2)], read from the bits (subnormals scaled up first).
        var scale = 0;
        if (x < SmallestNormal)
        {
            x *= 1L << 54;
            scale = -54;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var e = (int)((bits >> 52) & 0x7FF) - 1023 + scale;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > Sqrt2)
        {
            m /= 2;
            e++;
        }

        // log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1) / (m + 1), |s| <= 0.172.
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var series = Inverse[25];
        for (var n = 23; n >= 1; n -= 2)
            series = Inverse[n] + s2 * series;
        return e * Ln2High + (2 * s * series + e * Ln2Low);
    }

    public static double Pow(double x, double y) => Exp(y * Log(x));

    public static double Cos(double x)
    {
        // Reduce to [-pi, pi]; cos r by its Taylor series to r^30 (the rest is below 1e-17 there).
        var r = x - Math.Round(x / TwoPi) * TwoPi;
        var r2 = r * r;
        var sum = 1.0;
        for (var n = 15; n >= 1; n--)
            sum = 1 - r2 * sum * Inverse[2 * n - 1] * Inverse[2 * n];
        return sum;
    }
}
