namespace Pipeline.Data.Sales;

/// <summary>
/// The feature columns, in CSV order after the label. Every one is known before the day's sales: the calendar,
/// the store's SNAP day, the week's shelf price, the units of days at least 7 days back, and the ids.
/// <list type="bullet">
/// <item><c>wday</c>: M5's weekday, 1 = Saturday ... 7 = Friday; <c>month</c> 1-12; <c>mday</c> day of the month.</item>
/// <item><c>snap</c>: 1 on the SNAP days of the store's state, else 0.</item>
/// <item><c>sell_price</c>: dollars; <c>price_ratio</c>: sell price / the item's regular price (below 1 in a discount week).</item>
/// <item><c>lag_7</c>, <c>lag_14</c>, <c>lag_28</c>: units sold 7, 14, 28 days before.</item>
/// <item><c>mean_7_13</c>: mean units of days t-13..t-7; <c>mean_7_34</c>: of days t-34..t-7 (28 days).</item>
/// <item><c>store_id</c>, <c>item_id</c>: the 0-based store and item index of the shape; <c>dept_id</c> 0-6 in
/// the order FOODS_1, FOODS_2, FOODS_3, HOBBIES_1, HOBBIES_2, HOUSEHOLD_1, HOUSEHOLD_2; <c>cat_id</c> 0-2 in
/// the order FOODS, HOBBIES, HOUSEHOLD.</item>
/// </list>
/// </summary>
public static class SalesFeatures
{
    internal const int Wday = 0;
    internal const int Month = 1;
    internal const int MonthDay = 2;
    internal const int Snap = 3;
    internal const int SellPrice = 4;
    internal const int PriceRatio = 5;
    internal const int Lag7 = 6;
    internal const int Lag14 = 7;
    internal const int Lag28 = 8;
    internal const int Mean7To13 = 9;
    internal const int Mean7To34 = 10;
    internal const int StoreId = 11;
    internal const int ItemId = 12;
    internal const int DeptId = 13;
    internal const int CatId = 14;

    /// <summary>The furthest day back a feature reads.</summary>
    internal const int Lookback = 34;

    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(
    [
        "wday", "month", "mday", "snap", "sell_price", "price_ratio", "lag_7", "lag_14", "lag_28",
        "mean_7_13", "mean_7_34", "store_id", "item_id", "dept_id", "cat_id",
    ]);

    public static int Count { get; } = Names.Count;
}
