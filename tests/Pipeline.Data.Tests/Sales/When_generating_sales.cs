using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Pipeline.Data.Sales;

namespace Pipeline.Data.Tests.Sales;

public sealed partial class When_generating_sales
{
    [Fact]
    public void Gives_every_series_store_major_with_M5_ids()
    {
        var shape = new SalesShape(Stores: 12, Items: 9, Days: 3, Seed: 5);
        var names = SalesGenerator.Generate(shape).Select(s => s.Name).ToArray();

        Assert.Equal(shape.SeriesCount, names.Length);
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.All(names, name => Assert.Matches(M5Id(), name));
        var stores = names.Chunk(shape.Items).Select(store => store.Select(StoreOf).Distinct().Single()).ToArray();
        Assert.Equal(new[] { "CA_1", "CA_2", "CA_3", "CA_4", "TX_1", "TX_2", "TX_3", "WI_1", "WI_2", "WI_3", "CA_5", "TX_4" }, stores);
        var items = names.Chunk(shape.Items).Select(store => string.Join(" ", store.Select(ItemOf))).Distinct();
        Assert.Single(items);
    }

    [Fact]
    public void Holds_M5s_departments_with_their_item_counts_spread_through_the_item_order()
    {
        var items = SalesGenerator.Generate(new SalesShape(1, SalesShape.MaxItems, Days: 1, Seed: 5))
            .Select(s => ItemOf(s.Name)).ToArray();

        var departments = items.GroupBy(item => item[..item.LastIndexOf('_')]).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(
            new[] { "FOODS_1 216", "FOODS_2 398", "FOODS_3 823", "HOBBIES_1 416", "HOBBIES_2 149", "HOUSEHOLD_1 532", "HOUSEHOLD_2 515" },
            departments.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value.Length}"));
        Assert.All(departments, d => Assert.Equal(
            Enumerable.Range(1, d.Value.Length).Select(n => $"{d.Key}_{n:000}"), d.Value));
        Assert.Equal(7, items.Take(30).Select(item => item[..item.LastIndexOf('_')]).Distinct().Count());
    }

    [Fact]
    public void Writes_the_same_bytes_for_the_same_shape_and_seed_and_others_for_another_seed()
    {
        var shape = new SalesShape(Stores: 3, Items: 10, Days: 400, Seed: 1729);
        var csv = SalesSample.Csv(SalesGenerator.Generate(shape));

        Assert.Equal(SHA256.HashData(csv), SHA256.HashData(SalesSample.Csv(SalesGenerator.Generate(shape))));
        Assert.NotEqual(SHA256.HashData(csv), SHA256.HashData(SalesSample.Csv(SalesGenerator.Generate(shape with { Seed = 1730 }))));
    }

    [Fact]
    public void Writes_the_bytes_pinned_when_the_generator_was_written()
    {
        // Any machine and runtime must give these bytes; a deliberate change to the generator re-pins them.
        var csv = SalesSample.Csv(SalesGenerator.Generate(new SalesShape(Stores: 2, Items: 5, Days: 100, Seed: 1729)));

        Assert.Equal(PinnedSha256, Convert.ToHexStringLower(SHA256.HashData(csv)));
    }

    [Fact]
    public void Gives_a_series_that_does_not_depend_on_the_other_series_of_the_shape()
    {
        var small = new SalesShape(Stores: 3, Items: 8, Days: 200, Seed: 42);
        var large = small with { Stores = 10, Items = 30 };

        var fromSmall = SalesSample.Csv(SalesGenerator.Generate(small).Where(s => s.Name == "HOUSEHOLD_1_002_CA_3"));
        var fromLarge = SalesSample.Csv(SalesGenerator.Generate(large).Where(s => s.Name == "HOUSEHOLD_1_002_CA_3"));
        var alone = SalesGenerator.Generate(small, store: 2, item: 7);

        Assert.Equal("HOUSEHOLD_1_002_CA_3", alone.Name);
        Assert.Equal(200, alone.Days);
        Assert.NotEmpty(fromSmall);
        Assert.Equal(fromSmall, fromLarge);
        Assert.Equal(fromSmall, SalesSample.Csv([alone]));
        Assert.NotEqual(fromSmall, SalesSample.Csv([SalesGenerator.Generate(small, store: 1, item: 7)]));
    }

    [Fact]
    public void Gives_for_fewer_days_a_prefix_of_the_longer_series()
    {
        var longer = SalesGenerator.Generate(new SalesShape(2, 4, Days: 1000, Seed: 9)).ToArray();
        var shorter = SalesGenerator.Generate(new SalesShape(2, 4, Days: 100, Seed: 9)).ToArray();

        for (var i = 0; i < longer.Length; i++)
        {
            using var longerCsv = new MemoryStream();
            SalesCsv.Write(longer[i], 0, 100, longerCsv);
            Assert.Equal(longerCsv.ToArray(), SalesSample.Csv([shorter[i]]));
        }
    }

    [Fact]
    public void Labels_are_non_negative_integers()
    {
        Assert.All(SalesSample.Series, s => Assert.All(s.Labels, label =>
        {
            Assert.True(label >= 0, $"{s.Series.Name}: {label}");
            Assert.Equal(MathF.Round(label), label);
        }));
    }

    private const string PinnedSha256 = "dcc80f7ed2e7d4c842cce4eafafce3c03d322143ca917b87a3ee59b93ff4992b";

    /// <summary>"CA_1" of "FOODS_1_001_CA_1".</summary>
    private static string StoreOf(string name) => name[(name.LastIndexOf('_', name.LastIndexOf('_') - 1) + 1)..];

    /// <summary>"FOODS_1_001" of "FOODS_1_001_CA_1".</summary>
    private static string ItemOf(string name) => name[..name.LastIndexOf('_', name.LastIndexOf('_') - 1)];

    [GeneratedRegex("^(FOODS_[1-3]|HOBBIES_[12]|HOUSEHOLD_[12])_[0-9]{3}_(CA|TX|WI)_[0-9]+$")]
    private static partial Regex M5Id();
}
