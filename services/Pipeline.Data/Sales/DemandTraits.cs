using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Sales;

/// <summary>What an item is like in every store.</summary>
/// <param name="Units">Daily units at the regular price in an average store: log-normal around the department's median (heavy-tailed).</param>
/// <param name="RegularCents">The first regular price, ending in 8 cents as Walmart's do.</param>
/// <param name="Elasticity">Demand scales with (price / regular price) to the minus this.</param>
/// <param name="DiscountWeekShare">The chance that a week is a discount week, in each store.</param>
internal sealed record ItemTraits(double Units, int RegularCents, double Elasticity, double DiscountWeekShare)
{
    public static ItemTraits Draw(ref SeededRandom random, Department department)
    {
        var units = Math.Min(random.NextLogNormal(department.MedianUnits, 1.2), 60);
        var dollars = Math.Clamp(random.NextLogNormal(department.MedianPriceCents / 100.0, 0.55), 0.4, 60);
        var regularCents = (int)(dollars * 10) * 10 + 8;
        return new ItemTraits(units, regularCents, random.NextUniform(1.2, 3.0), random.NextUniform(0.03, 0.15));
    }
}

/// <summary>What a store is like for every item: busier or quieter (log-normal around 1).</summary>
internal sealed record StoreTraits(double Traffic)
{
    public static StoreTraits Draw(ref SeededRandom random) => new(random.NextLogNormal(1, 0.35));
}

/// <summary>What one item is like in one store.</summary>
/// <param name="Affinity">How much better or worse the item sells here than elsewhere (log-normal around 1).</param>
/// <param name="Dispersion">Gamma shape of the day-to-day demand noise: smaller is burstier, with more zero days.</param>
/// <param name="StockOutChance">The daily chance that the shelf empties (then nothing sells until restocked).</param>
/// <param name="RestockChance">The daily chance that an empty shelf is restocked.</param>
/// <param name="TrendPerYear">Demand drifts by e^(this x years since day 0).</param>
internal sealed record SeriesTraits(double Affinity, double Dispersion, double StockOutChance, double RestockChance, double TrendPerYear)
{
    public static SeriesTraits Draw(ref SeededRandom random) => new(
        Affinity: random.NextLogNormal(1, 0.5),
        Dispersion: random.NextUniform(0.6, 3.0),
        StockOutChance: random.NextUniform(0.001, 0.008),
        RestockChance: random.NextUniform(0.03, 0.15),
        TrendPerYear: random.NextUniform(-0.15, 0.15));
}
