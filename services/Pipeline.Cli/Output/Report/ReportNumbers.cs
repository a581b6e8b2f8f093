using System.Globalization;

namespace Pipeline.Cli.Output.Report;

/// <summary>
/// How the report writes figures: invariant culture, "n/a" for anything undefined (null, NaN, infinite), and one
/// precision per measure so two variants' figures are written alike (4.5260 against 4.5267, never 4.526).
/// </summary>
public static class ReportNumbers
{
    public const string NotAvailable = "n/a";

    /// <summary>Decimals of error metrics and R2 unless their values need more to keep 4 significant digits.</summary>
    public const int MetricDecimals = 4;

    public static string Seconds(double? value) => Format(value, "N1");

    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : NotAvailable;

    /// <summary>An error metric or R2 with <paramref name="decimals"/> decimals, trailing zeros kept.</summary>
    public static string Metric(double? value, int decimals = MetricDecimals) => Format(value, "F" + decimals);

    /// <summary>
    /// The decimals one measure is written with on every side: 4, more when its smallest non-zero value would otherwise
    /// show fewer than 4 significant digits (at most 10).
    /// </summary>
    public static int DecimalsFor(IEnumerable<double?> values)
    {
        var smallest = values.Where(IsDefined).Select(v => Math.Abs(v!.Value)).Where(v => v > 0).DefaultIfEmpty(1).Min();
        return Math.Clamp(3 - (int)Math.Floor(Math.Log10(smallest)), MetricDecimals, 10);
    }

    public static string Ratio(double? value) => value is { } v && double.IsFinite(v) ? Format(v, "0.00") + "×" : NotAvailable;

    public static string Milliseconds(double? value) => Format(value, "N1");

    public static string PerSecond(double? value) => Format(value, "N0");

    public static string Percent(double? fraction) => IsDefined(fraction) ? Format(fraction * 100, "0.0") + " %" : NotAvailable;

    public static bool IsDefined(double? value) => value is { } v && double.IsFinite(v);

    private static string Format(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : NotAvailable;
}
