namespace Pipeline.Data.Sales;

/// <summary>An M5 category and how its demand moves with SNAP days and the season.</summary>
/// <param name="SnapLift">Demand multiplier on the state's SNAP days (food stamps buy food).</param>
/// <param name="YearlyAmplitude">Height of the yearly cosine around 1.</param>
/// <param name="PeakDayOfYear">Day of the year (1-366) when the cosine peaks.</param>
internal sealed record Category(string Name, int Code, double SnapLift, double YearlyAmplitude, int PeakDayOfYear);

/// <summary>An M5 department.</summary>
/// <param name="ItemCount">How many items it has in M5; items are numbered 001 to this.</param>
/// <param name="MedianUnits">Median over its items of daily units at the regular price in an average store.</param>
/// <param name="MedianPriceCents">Median over its items of the regular price.</param>
internal sealed record Department(string Name, int Code, Category Category, int ItemCount, double MedianUnits, int MedianPriceCents);

/// <summary>M5's three categories and seven departments, with item counts as in M5 (3,049 items in all).</summary>
internal static class Departments
{
    public static readonly Category Foods = new("FOODS", 0, SnapLift: 1.12, YearlyAmplitude: 0.04, PeakDayOfYear: 200);
    public static readonly Category Hobbies = new("HOBBIES", 1, SnapLift: 1.02, YearlyAmplitude: 0.10, PeakDayOfYear: 355);
    public static readonly Category Household = new("HOUSEHOLD", 2, SnapLift: 1.03, YearlyAmplitude: 0.06, PeakDayOfYear: 190);

    /// <summary>In <c>dept_id</c> order.</summary>
    public static readonly IReadOnlyList<Department> All =
    [
        new("FOODS_1", 0, Foods, 216, MedianUnits: 0.45, MedianPriceCents: 298),
        new("FOODS_2", 1, Foods, 398, MedianUnits: 0.35, MedianPriceCents: 278),
        new("FOODS_3", 2, Foods, 823, MedianUnits: 0.70, MedianPriceCents: 248),
        new("HOBBIES_1", 3, Hobbies, 416, MedianUnits: 0.30, MedianPriceCents: 698),
        new("HOBBIES_2", 4, Hobbies, 149, MedianUnits: 0.10, MedianPriceCents: 298),
        new("HOUSEHOLD_1", 5, Household, 532, MedianUnits: 0.40, MedianPriceCents: 498),
        new("HOUSEHOLD_2", 6, Household, 515, MedianUnits: 0.18, MedianPriceCents: 798),
    ];
}
