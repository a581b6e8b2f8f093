using Pipeline.Cli.Specs;

namespace Pipeline.Cli.Tests.Specs;

public class When_reading_years
{
    [Fact]
    public void A_range_trains_on_all_but_the_last_year_and_tests_on_the_last()
    {
        Assert.True(YearSelection.TryParse("1979-1984", out var years, out _));

        Assert.Equal([1979, 1980, 1981, 1982, 1983], years!.TrainingYears);
        Assert.Equal(1984, years.TestYear);
    }

    [Fact]
    public void A_list_keeps_its_order_and_tests_on_the_last()
    {
        Assert.True(YearSelection.TryParse("1990, 1985,2001", out var years, out _));

        Assert.Equal([1990, 1985], years!.TrainingYears);
        Assert.Equal(2001, years.TestYear);
    }

    [Fact]
    public void Ranges_and_single_years_mix()
    {
        Assert.True(YearSelection.TryParse("1979-1981,1983", out var years, out _));

        Assert.Equal([1979, 1980, 1981], years!.TrainingYears);
        Assert.Equal(1983, years.TestYear);
    }

    [Theory]
    [InlineData("1984-1979")]
    [InlineData("1984")]
    [InlineData("79-84")]
    [InlineData("1979-1981-1983")]
    [InlineData("nineteen-eighty")]
    [InlineData("")]
    public void Anything_else_is_refused_with_a_reason(string text)
    {
        Assert.False(YearSelection.TryParse(text, out var years, out var error));

        Assert.Null(years);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
