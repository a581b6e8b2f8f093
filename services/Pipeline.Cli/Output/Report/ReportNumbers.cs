using System.Globalization;

namespace Pipeline.Cli.Output.Report;

/// <summary>How the report page writes figures: invariant culture, "n/a" for anything undefined (null, NaN, infinite).</summary>
public static class ReportNumbers
{
    public const string NotAvailable = "n/a";

    public static string Seconds(double? value) => Format(value, "N1");

    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : NotAvailable;

    /// <summary>Error metrics and R2: four significant decimals, no trailing zeros.</summary>
    public static string Metric(double? value) => Format(value, "0.####");

    public static string Ratio(double? value) => value is { } v && double.IsFinite(v) ? Format(v, "0.00") + "×" : NotAvailable;

    public static string Milliseconds(double? value) => Format(value, "N1");

    public static string PerSecond(double? value) => Format(value, "N0");

    public static string Percent(double? fraction) => IsDefined(fraction) ? Format(fraction * 100, "0.0") + " %" : NotAvailable;

    public static bool IsDefined(double? value) => value is { } v && double.IsFinite(v);

    private static string Format(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : NotAvailable;
}
