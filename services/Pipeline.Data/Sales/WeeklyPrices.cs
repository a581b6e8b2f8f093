using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Sales;

/// <summary>
/// One store-item's shelf prices, week by week from the first warm-up week (weeks run Saturday to Friday, as
/// M5's sell_prices do). The regular price is the item's in every store and rises now and then; in a discount
/// week this store sells below it.
/// </summary>
internal sealed class WeeklyPrices
{
    /// <summary>About one rise every two years.</summary>
    private const double RiseChance = 1.0 / 104;

    private static readonly int[] DiscountPercents = [10, 15, 20, 25, 30, 40];

    private readonly int[] _regularCents;
    private readonly int[] _sellCents;

    private WeeklyPrices(int[] regularCents, int[] sellCents)
    {
        _regularCents = regularCents;
        _sellCents = sellCents;
    }

    public int RegularCents(int week) => _regularCents[week];

    public int SellCents(int week) => _sellCents[week];

    /// <summary>Sell price / regular price: 1 in a regular week.</summary>
    public double Ratio(int week) => _sellCents[week] / (double)_regularCents[week];

    /// <param name="itemRandom">The item's stream, after its traits were drawn from it.</param>
    /// <param name="discountRandom">This store-item's discount stream.</param>
    public static WeeklyPrices Simulate(ItemTraits item, ref SeededRandom itemRandom, ref SeededRandom discountRandom, int weeks)
    {
        var regular = new int[weeks];
        var sell = new int[weeks];
        var cents = item.RegularCents;
        for (var week = 0; week < weeks; week++)
        {
            var rises = itemRandom.NextDouble() < RiseChance;
            var rise = itemRandom.NextUniform(0.03, 0.10);
            if (rises)
                cents += Math.Max(10, (int)(cents * rise) / 10 * 10);
            regular[week] = cents;

            var discounted = discountRandom.NextDouble() < item.DiscountWeekShare;
            var percent = DiscountPercents[discountRandom.Next(DiscountPercents.Length)];
            sell[week] = discounted ? (cents * (100 - percent) + 50) / 100 : cents;
        }

        return new WeeklyPrices(regular, sell);
    }
}
