using Pipeline.Data.Sales;

namespace Pipeline.Data.Tests.Sales;

public sealed class When_computing_sales_features
{
    private static readonly IReadOnlyList<SeriesDays> Sample = SalesSample.Series;

    [Fact]
    public void Names_about_a_dozen_features_the_first_being_the_calendar()
    {
        Assert.InRange(SalesFeatures.Count, 12, 16);
        Assert.Equal(SalesFeatures.Count, SalesFeatures.Names.Count);
        Assert.Equal(SalesFeatures.Count, SalesFeatures.Names.Distinct().Count());
        Assert.Equal(new[] { "wday", "month", "mday" }, SalesFeatures.Names.Take(3));
        Assert.Throws<NotSupportedException>(() => ((IList<string>)SalesFeatures.Names)[0] = "label");
    }

    [Theory]
    [InlineData("lag_7", 7)]
    [InlineData("lag_14", 14)]
    [InlineData("lag_28", 28)]
    public void A_lag_is_the_label_of_that_many_days_before(string feature, int lag)
    {
        var column = SeriesDays.Column(feature);

        Assert.All(Sample, s =>
        {
            for (var day = lag; day < s.Labels.Length; day++)
                Assert.Equal(s.Labels[day - lag], s.Features[day][column]);
        });
    }

    [Theory]
    [InlineData("mean_7_13", 7, 13)]
    [InlineData("mean_7_34", 7, 34)]
    public void A_rolling_mean_is_the_mean_of_those_past_labels(string feature, int nearest, int furthest)
    {
        var column = SeriesDays.Column(feature);

        Assert.All(Sample, s =>
        {
            for (var day = furthest; day < s.Labels.Length; day++)
            {
                var labels = s.Labels.AsSpan(day - furthest, furthest - nearest + 1).ToArray();
                Assert.Equal((float)(labels.Sum(l => (double)l) / labels.Length), s.Features[day][column]);
            }
        });
    }

    [Fact]
    public void Features_of_a_day_are_the_same_whether_or_not_later_days_exist()
    {
        var shape = new SalesShape(Stores: 4, Items: 6, Days: 60, Seed: 3);
        var shortSeries = SalesGenerator.Generate(shape).Select(SeriesDays.Read).ToArray();
        var longSeries = SalesGenerator.Generate(shape with { Days = 600 }).Select(SeriesDays.Read).ToArray();

        for (var i = 0; i < shortSeries.Length; i++)
            for (var day = 0; day < shape.Days; day++)
                Assert.Equal(longSeries[i].Features[day], shortSeries[i].Features[day]);
    }

    [Fact]
    public void The_first_days_have_lags_from_the_warm_up()
    {
        var lag28 = SeriesDays.Column("lag_28");
        var mean34 = SeriesDays.Column("mean_7_34");

        Assert.All(Sample, s => Assert.All(s.Features[0], value => Assert.True(float.IsFinite(value) && value >= 0)));
        Assert.True(Sample.Sum(s => s.Features[0][lag28]) > 50, "the warm-up sells");
        Assert.True(Sample.Count(s => s.Features[0][mean34] > 0) > Sample.Count / 2, "most series sold in the warm-up");
    }

    [Fact]
    public void Calendar_features_follow_M5s_calendar_from_Saturday_29_January_2011()
    {
        var s = Sample[0];
        for (var day = 0; day < s.Labels.Length; day++)
        {
            var date = new DateOnly(2011, 1, 29).AddDays(day);
            var m5Wday = ((int)date.DayOfWeek + 1) % 7 + 1;  // Saturday 1, Sunday 2, ... Friday 7
            Assert.Equal(new float[] { m5Wday, date.Month, date.Day }, s.Features[day][..3]);
        }
    }

    [Theory]
    [InlineData("CA_1", new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData("TX_2", new[] { 1, 3, 5, 6, 7, 9, 11, 12, 13, 15 })]
    [InlineData("WI_3", new[] { 2, 3, 5, 6, 8, 9, 11, 12, 14, 15 })]
    public void SNAP_days_are_the_states_days_of_the_month(string store, int[] snapDays)
    {
        var mday = SeriesDays.Column("mday");
        var snap = SeriesDays.Column("snap");

        Assert.All(Sample.Where(s => s.Series.Name.EndsWith(store, StringComparison.Ordinal)), s =>
        {
            for (var day = 0; day < s.Labels.Length; day++)
                Assert.Equal(snapDays.Contains((int)s.Features[day][mday]) ? 1 : 0, s.Features[day][snap]);
        });
    }

    [Fact]
    public void Prices_hold_for_a_Saturday_to_Friday_week_and_sit_at_the_regular_price_between_discount_weeks()
    {
        var price = SeriesDays.Column("sell_price");
        var ratio = SeriesDays.Column("price_ratio");

        Assert.All(Sample, s =>
        {
            for (var day = 0; day < s.Labels.Length; day++)
            {
                Assert.InRange(s.Features[day][price], 0.01f, 100f);
                Assert.InRange(s.Features[day][ratio], 0.5f, 1f);
                if (day % 7 != 0)
                    Assert.Equal(s.Features[day - 1][price..(ratio + 1)], s.Features[day][price..(ratio + 1)]);
                if (s.Features[day][ratio] == 1)
                    Assert.Equal(8, (int)MathF.Round(s.Features[day][price] * 100) % 10);  // regular prices end in 8 cents
            }
        });
        var discountShare = Sample.Average(s => s.Features.Count(f => f[ratio] < 1) / (double)s.Labels.Length);
        Assert.InRange(discountShare, 0.04, 0.14);
    }

    [Fact]
    public void Ids_are_the_store_and_item_indices_and_the_departments_and_categorys_codes()
    {
        string[] departments = ["FOODS_1", "FOODS_2", "FOODS_3", "HOBBIES_1", "HOBBIES_2", "HOUSEHOLD_1", "HOUSEHOLD_2"];
        string[] categories = ["FOODS", "HOBBIES", "HOUSEHOLD"];
        var columns = new[] { "store_id", "item_id", "dept_id", "cat_id" }.Select(SeriesDays.Column).ToArray();

        for (var i = 0; i < Sample.Count; i++)
        {
            var s = Sample[i];
            var ids = columns.Select(c => (int)s.Features[^1][c]).ToArray();
            Assert.Equal(i / SalesSample.Shape.Items, ids[0]);
            Assert.Equal(i % SalesSample.Shape.Items, ids[1]);
            Assert.StartsWith(departments[ids[2]] + "_", s.Series.Name, StringComparison.Ordinal);
            Assert.StartsWith(categories[ids[3]] + "_", s.Series.Name, StringComparison.Ordinal);
            Assert.All(s.Features, f => Assert.Equal(ids, columns.Select(c => (int)f[c])));
        }
    }

    [Fact]
    public void Refuses_a_day_outside_the_series_and_a_span_of_another_length()
    {
        var s = Sample[0].Series;

        Assert.Throws<ArgumentOutOfRangeException>(() => s.Label(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Label(s.Days));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Features(s.Days, new float[SalesFeatures.Count]));
        Assert.Throws<ArgumentException>(() => s.Features(0, new float[SalesFeatures.Count + 1]));
    }
}
