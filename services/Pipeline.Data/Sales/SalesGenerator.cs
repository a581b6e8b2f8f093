namespace Pipeline.Data.Sales;

/// <summary>
/// Generates M5-like daily unit sales: every store-item series of a <see cref="SalesShape"/>, the same for the
/// same shape and seed on every machine. A series depends only on (seed, store, item) and, through its length,
/// on Days: it is the same in any shape that holds it, and a shorter shape's series is a prefix of a longer one's.
/// </summary>
public static class SalesGenerator
{
    /// <summary>
    /// Every series, store-major as M5's sales file is: all items of store 0 (CA_1) in item order, then store 1,
    /// and so on. Lazy: each series is simulated as it is enumerated.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is invalid; the message lists every problem.</exception>
    public static IEnumerable<StoreItemSeries> Generate(SalesShape shape)
    {
        ThrowIfInvalid(shape);
        return Enumerate(shape);
    }

    /// <summary>The one series of the 0-based <paramref name="store"/> and <paramref name="item"/>, as <see cref="Generate(SalesShape)"/> gives it.</summary>
    public static StoreItemSeries Generate(SalesShape shape, int store, int item)
    {
        ThrowIfInvalid(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(store);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(store, shape.Stores);
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, shape.Items);
        return DemandSimulation.Run(shape.Seed, store, item, shape.Days);
    }

    private static IEnumerable<StoreItemSeries> Enumerate(SalesShape shape)
    {
        for (var store = 0; store < shape.Stores; store++)
            for (var item = 0; item < shape.Items; item++)
                yield return DemandSimulation.Run(shape.Seed, store, item, shape.Days);
    }

    private static void ThrowIfInvalid(SalesShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var problems = shape.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(shape));
    }
}
