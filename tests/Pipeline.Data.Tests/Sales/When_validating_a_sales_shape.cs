using Pipeline.Data.Sales;

namespace Pipeline.Data.Tests.Sales;

public sealed class When_validating_a_sales_shape
{
    [Fact]
    public void Accepts_M5s_own_shape_the_limits_and_any_seed()
    {
        Assert.Empty(new SalesShape(Stores: 10, Items: 3049, Days: 1941, Seed: 0).Validate());
        Assert.Empty(new SalesShape(1, 1, 1, int.MinValue).Validate());
        Assert.Empty(new SalesShape(SalesShape.MaxStores, SalesShape.MaxItems, SalesShape.MaxDays, int.MaxValue).Validate());
        Assert.Equal(3049, SalesShape.MaxItems);
    }

    [Theory]
    [InlineData(0, 1, 1, "Stores", "0")]
    [InlineData(101, 1, 1, "Stores", "101")]
    [InlineData(1, 0, 1, "Items", "0")]
    [InlineData(1, 3050, 1, "Items", "3050")]
    [InlineData(1, 1, 0, "Days", "0")]
    [InlineData(1, 1, -7, "Days", "-7")]
    [InlineData(1, 1, 10_001, "Days", "10001")]
    public void Names_the_property_and_its_value(int stores, int items, int days, string property, string value)
    {
        var problem = Assert.Single(new SalesShape(stores, items, days, Seed: 1).Validate());

        Assert.StartsWith(property + " must be", problem, StringComparison.Ordinal);
        Assert.EndsWith($"it is {value}.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Returns_every_problem_at_once()
    {
        var problems = new SalesShape(Stores: 0, Items: -1, Days: 0, Seed: 1).Validate();

        Assert.Equal(new[] { "Stores", "Items", "Days" }, problems.Select(p => p.Split(' ')[0]));
    }

    [Fact]
    public void Generating_refuses_an_invalid_shape_before_enumerating_naming_every_problem()
    {
        var refused = Assert.Throws<ArgumentException>(() => SalesGenerator.Generate(new SalesShape(0, 1, 0, 1)));

        Assert.Equal("shape", refused.ParamName);
        Assert.Contains("Stores must be", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Days must be", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Items", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeriesCount_is_stores_times_items()
    {
        Assert.Equal(30_490, new SalesShape(10, 3049, 1, 1).SeriesCount);
        Assert.Equal(1, new SalesShape(1, 1, 1, 1).SeriesCount);
    }
}
