namespace Pipeline.Data.Sales;

/// <summary>
/// Simulates one store-item's daily units from the first warm-up day on. The day's expected units are the item's
/// level x the store's traffic x the item's affinity for the store, lifted on weekends, on the state's SNAP days
/// (mostly food), through the season and by discounts (price elasticity), and drifting week by week. Gamma noise
/// on that mean makes the Poisson count negative binomial (bursty, zero-heavy for slow movers); stock-outs give
/// runs of zeros; stores are closed on Christmas Day.
/// </summary>
internal static class DemandSimulation
{
    /// <summary>Whole weeks (so weeks start on Saturdays) and more than <see cref="SalesFeatures.Lookback"/>.</summary>
    public const int WarmUpDays = 56;

    /// <summary>Bounds the Poisson draw's cost for a freak of the heavy tails.</summary>
    private const double MaxMean = 5000;

    /// <summary>By M5 wday (Saturday first): weekends sell about a third more than midweek, as in M5.</summary>
    private static readonly double[] WeekdayLift = [1.28, 1.30, 1.04, 0.92, 0.90, 0.91, 1.02];

    /// <summary>By category code, then day of the year (1-366): a cosine around 1 peaking on the category's day.</summary>
    private static readonly double[][] SeasonalLift =
        [.. new[] { Departments.Foods, Departments.Hobbies, Departments.Household }.Select(Seasonal)];

    public static StoreItemSeries Run(int seed, int store, int item, int days)
    {
        var department = ItemCatalog.DepartmentOf(item);
        var category = department.Category;
        var state = StoreCatalog.Store(store).State;

        var itemRandom = RandomStreams.Item(seed, item);
        var itemTraits = ItemTraits.Draw(ref itemRandom, department);
        var storeRandom = RandomStreams.Store(seed, store);
        var storeTraits = StoreTraits.Draw(ref storeRandom);
        var demandRandom = RandomStreams.Demand(seed, store, item);
        var traits = SeriesTraits.Draw(ref demandRandom);
        var discountRandom = RandomStreams.Discounts(seed, store, item);

        var total = WarmUpDays + days;
        var prices = WeeklyPrices.Simulate(itemTraits, ref itemRandom, ref discountRandom, (total + 6) / 7);
        var level = itemTraits.Units * storeTraits.Traffic * traits.Affinity;
        var units = new int[total];
        var inStock = true;
        var trend = 1.0;
        for (var i = 0; i < total; i++)
        {
            var day = i - WarmUpDays;
            var date = SalesCalendar.Date(day);
            var ratio = prices.Ratio(i / 7);
            if (i % 7 == 0)
                trend = PortableMath.Exp(traits.TrendPerYear * day / 365.25);
            var mean = level * trend
                * WeekdayLift[SalesCalendar.Wday(day) - 1]
                * SeasonalLift[category.Code][date.DayOfYear]
                * (SalesCalendar.IsSnap(state, date) ? category.SnapLift : 1)
                * (ratio < 1 ? PortableMath.Pow(ratio, -itemTraits.Elasticity) : 1);

            inStock = inStock
                ? demandRandom.NextDouble() >= traits.StockOutChance
                : demandRandom.NextDouble() < traits.RestockChance;
            var noise = demandRandom.NextGamma(traits.Dispersion) / traits.Dispersion;
            units[i] = inStock && !SalesCalendar.IsClosed(date)
                ? demandRandom.NextPoisson(Math.Min(mean * noise, MaxMean))
                : 0;
        }

        return new StoreItemSeries(store, item, days, units, prices);
    }

    private static double[] Seasonal(Category category) =>
    [
        .. Enumerable.Range(0, 367).Select(dayOfYear =>
            1 + category.YearlyAmplitude * PortableMath.Cos(2 * Math.PI * (dayOfYear - category.PeakDayOfYear) / 365.25)),
    ];
}
