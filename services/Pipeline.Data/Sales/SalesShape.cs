namespace Pipeline.Data.Sales;

/// <summary>
/// What to generate: <see cref="Stores"/> x <see cref="Items"/> store-item series of <see cref="Days"/> days each,
/// from <see cref="Seed"/> (any value). <see cref="Days"/> = 1 is valid, since a simulated warm-up before day 0 gives
/// every day its lags; a split into train, validation and test days needs at least 3; weekly and discount-week
/// patterns show from about 8 weeks (56 days), yearly seasonality from 365; M5 has 1,941.
/// </summary>
public sealed record SalesShape(int Stores, int Items, int Days, int Seed)
{
    /// <summary>M5's 10 stores, continued CA_5, TX_4, WI_4, CA_6, ... (see <see cref="StoreItemSeries.Name"/>).</summary>
    public const int MaxStores = 100;

    /// <summary>M5's 3,049 items: every department holds as many items as it does in M5.</summary>
    public const int MaxItems = ItemCatalog.Count;

    /// <summary>About 27 years; M5 has 1,941 days.</summary>
    public const int MaxDays = 10_000;

    public int SeriesCount => Stores * Items;

    /// <summary>Every problem, each naming the property; empty when the shape is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Stores is < 1 or > MaxStores)
            problems.Add($"Stores must be from 1 to {MaxStores} (M5 has 10); it is {Stores}.");
        if (Items is < 1 or > MaxItems)
            problems.Add($"Items must be from 1 to {MaxItems} (M5 has {MaxItems}); it is {Items}.");
        if (Days is < 1 or > MaxDays)
            problems.Add($"Days must be from 1 to {MaxDays}; it is {Days}.");
        return problems;
    }
}
