namespace Pipeline.Data.Sales;

internal enum UsState
{
    CA,
    TX,
    WI,
}

/// <summary>
/// Store index to state and number: M5's CA_1..CA_4, TX_1..TX_3, WI_1..WI_3, then, from the 11th store on, the
/// states in turn: CA_5, TX_4, WI_4, CA_6, TX_5, WI_5, ...
/// </summary>
internal static class StoreCatalog
{
    private const int M5Stores = 10;

    private static readonly (UsState State, int Number)[] M5 =
    [
        (UsState.CA, 1), (UsState.CA, 2), (UsState.CA, 3), (UsState.CA, 4),
        (UsState.TX, 1), (UsState.TX, 2), (UsState.TX, 3),
        (UsState.WI, 1), (UsState.WI, 2), (UsState.WI, 3),
    ];

    public static (UsState State, int Number) Store(int store)
    {
        if (store < M5Stores)
            return M5[store];
        var beyond = store - M5Stores;
        var state = (UsState)(beyond % 3);
        var firstNew = state == UsState.CA ? 5 : 4;
        return (state, firstNew + beyond / 3);
    }

    /// <summary>M5's store id, e.g. "CA_1".</summary>
    public static string Name(int store)
    {
        var (state, number) = Store(store);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{state}_{number}");
    }
}
