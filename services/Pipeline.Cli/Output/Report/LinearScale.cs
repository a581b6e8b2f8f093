using System.Globalization;

namespace Pipeline.Cli.Output.Report;

/// <summary>Maps values onto pixels over a domain widened to round tick values (1, 2, 2.5 or 5 times a power of ten).</summary>
public sealed class LinearScale
{
    private readonly double _from;
    private readonly double _to;
    private readonly int _decimals;

    public LinearScale(double min, double max, double from, double to, int tickCount = 6)
    {
        if (!(max > min))
        {
            // Every value the same: centre it in a unit-wide domain rather than divide by zero.
            min -= 0.5;
            max += 0.5;
        }

        Step = NiceStep((max - min) / tickCount);
        Min = Math.Floor(min / Step) * Step;
        Max = Math.Ceiling(max / Step) * Step;
        _from = from;
        _to = to;
        _decimals = DecimalsOf(Step);
    }

    public double Min { get; }
    public double Max { get; }
    public double Step { get; }

    public double Map(double value) => _from + (value - Min) / (Max - Min) * (_to - _from);

    public IReadOnlyList<double> Ticks
    {
        get
        {
            var count = (int)Math.Round((Max - Min) / Step);
            return [.. Enumerable.Range(0, count + 1).Select(i => Min + i * Step)];
        }
    }

    /// <summary>A tick's label, with as many decimals as the step needs and thousands separators.</summary>
    public string Format(double tick) =>
        (Math.Abs(tick) < Step / 1e6 ? 0 : tick).ToString("N" + _decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static int DecimalsOf(double step)
    {
        var decimals = 0;
        while (decimals < 12 && Math.Abs(step * Math.Pow(10, decimals) - Math.Round(step * Math.Pow(10, decimals))) > 1e-9)
            decimals++;
        return decimals;
    }
}
