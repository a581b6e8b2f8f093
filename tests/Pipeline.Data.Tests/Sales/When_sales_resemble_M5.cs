using Pipeline.Data.Sales;

namespace Pipeline.Data.Tests.Sales;

/// <summary>What makes Tweedie regression and the sharded-versus-replicated comparison meaningful, measured on the common sample.</summary>
public sealed class When_sales_resemble_M5
{
    private static readonly IReadOnlyList<SeriesDays> Sample = SalesSample.Series;

    [Fact]
    public void Most_days_sell_nothing_and_slow_movers_sell_on_few_days()
    {
        var zeroShares = Sample.Select(s => s.Labels.Count(l => l == 0) / (double)s.Labels.Length).ToArray();
        var zeroShare = Sample.Sum(s => s.Labels.Count(l => l == 0)) / (double)Sample.Sum(s => s.Labels.Length);

        Assert.InRange(zeroShare, 0.60, 0.78);  // M5's sales are about two-thirds zeros
        Assert.InRange(zeroShares.Count(z => z > 0.8) / (double)zeroShares.Length, 0.25, 0.75);
        Assert.Contains(zeroShares, z => z < 0.2);
    }

    [Fact]
    public void A_few_items_sell_most_units()
    {
        var totals = Sample.Select(s => s.Labels.Sum(l => (double)l)).OrderDescending().ToArray();

        Assert.True(totals.Take(totals.Length / 10).Sum() > 0.5 * totals.Sum(), "the top tenth of series should sell over half the units");
        Assert.True(totals[0] > 20 * totals[totals.Length / 2], $"the best seller {totals[0]}, the median {totals[totals.Length / 2]}");
    }

    [Fact]
    public void Weekends_sell_more_than_weekdays()
    {
        var wday = SeriesDays.Column("wday");
        var weekend = MeanUnits(features => features[wday] <= 2);  // 1 Saturday, 2 Sunday
        var midweek = MeanUnits(features => features[wday] is >= 3 and <= 7);

        Assert.True(weekend > 1.15 * midweek, $"weekend {weekend}, weekdays {midweek}");
    }

    [Fact]
    public void Discount_days_sell_more_than_regular_days_of_the_same_series()
    {
        var ratio = SeriesDays.Column("price_ratio");
        double discounted = 0, sameSeriesRegular = 0;
        foreach (var s in Sample)
        {
            var days = Enumerable.Range(0, s.Labels.Length).ToArray();
            var discountDays = days.Where(d => s.Features[d][ratio] < 1).ToArray();
            var regularDays = days.Where(d => s.Features[d][ratio] == 1).ToArray();
            if (discountDays.Length == 0 || regularDays.Length == 0)
                continue;
            discounted += discountDays.Sum(d => (double)s.Labels[d]);
            sameSeriesRegular += discountDays.Length * regularDays.Average(d => (double)s.Labels[d]);
        }

        Assert.True(discounted > 1.3 * sameSeriesRegular, $"discount days {discounted} units, as many regular days {sameSeriesRegular}");
    }

    [Fact]
    public void SNAP_days_sell_more_food()
    {
        var snap = SeriesDays.Column("snap");
        var foods = Sample.Where(s => s.Series.Name.StartsWith("FOODS_", StringComparison.Ordinal)).ToArray();
        var onSnap = MeanUnits(foods, features => features[snap] == 1);
        var offSnap = MeanUnits(foods, features => features[snap] == 0);

        Assert.True(onSnap > 1.05 * offSnap, $"SNAP days {onSnap}, other days {offSnap}");
    }

    [Fact]
    public void Nothing_sells_on_Christmas_Day()
    {
        var christmases = new[] { new DateOnly(2011, 12, 25), new DateOnly(2012, 12, 25) }
            .Select(date => date.DayNumber - new DateOnly(2011, 1, 29).DayNumber)
            .ToArray();

        Assert.All(christmases, day => Assert.All(Sample, s => Assert.Equal(0, s.Labels[day])));
        Assert.All(christmases, day => Assert.True(Sample.Sum(s => s.Labels[day - 1]) > 100, "Christmas Eve sells"));
    }

    private static double MeanUnits(Func<float[], bool> when) => MeanUnits(Sample, when);

    private static double MeanUnits(IEnumerable<SeriesDays> series, Func<float[], bool> when)
    {
        var units = series.SelectMany(s => s.Labels.Where((_, day) => when(s.Features[day]))).ToArray();
        return units.Average(l => (double)l);
    }
}
