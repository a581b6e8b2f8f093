using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Sales;

/// <summary>
/// One random stream per purpose, keyed by (seed, purpose, store, item): a series draws only from its item's, its
/// store's and its own streams, so it is the same whichever other series a shape holds, and each stream is
/// consumed day by day, so a shorter shape gives a prefix of a longer one.
/// </summary>
internal static class RandomStreams
{
    /// <summary>The item's demand level, regular price and its changes: shared by the item in every store.</summary>
    public static SeededRandom Item(int seed, int item) => new(Key(seed, 1, 0, item));

    public static SeededRandom Store(int seed, int store) => new(Key(seed, 2, store, 0));

    /// <summary>The store-item's own traits and its daily demand.</summary>
    public static SeededRandom Demand(int seed, int store, int item) => new(Key(seed, 3, store, item));

    /// <summary>The store-item's discount weeks.</summary>
    public static SeededRandom Discounts(int seed, int store, int item) => new(Key(seed, 4, store, item));

    // Distinct keys for stores < 4096 and items < 65536; SeededRandom's SplitMix seeding spreads neighbouring keys.
    private static ulong Key(int seed, uint purpose, int store, int item) =>
        (ulong)(uint)seed << 32 | purpose << 28 | (uint)store << 16 | (uint)item;
}
