namespace Pipeline.Data.Sales;

/// <summary>
/// One store-item's daily units over days [0, <see cref="Days"/>) and each day's features (see
/// <see cref="SalesFeatures"/>). Day 0 is Saturday 29 January 2011, M5's d_1. Holds the units from the warm-up
/// on and one price pair per week: O(Days) memory.
/// </summary>
public sealed class StoreItemSeries
{
    private readonly int _store;
    private readonly int _item;
    private readonly Department _department;
    private readonly UsState _state;
    private readonly int[] _units;
    private readonly long[] _runningTotal;
    private readonly WeeklyPrices _prices;

    /// <param name="units">From the first warm-up day: <see cref="DemandSimulation.WarmUpDays"/> + <paramref name="days"/>.</param>
    internal StoreItemSeries(int store, int item, int days, int[] units, WeeklyPrices prices)
    {
        _store = store;
        _item = item;
        _department = ItemCatalog.DepartmentOf(item);
        _state = StoreCatalog.Store(store).State;
        _units = units;
        _prices = prices;
        Days = days;
        Name = $"{ItemCatalog.Name(item)}_{StoreCatalog.Name(store)}";

        // _runningTotal[i] = units of the first i simulated days, so a window's mean is one subtraction.
        _runningTotal = new long[units.Length + 1];
        for (var i = 0; i < units.Length; i++)
            _runningTotal[i + 1] = _runningTotal[i] + units[i];
    }

    /// <summary>M5's id without the _evaluation suffix: category_dept_item_state_store, e.g. "FOODS_1_001_CA_1".</summary>
    public string Name { get; }

    public int Days { get; }

    /// <summary>Units sold on <paramref name="day"/>: a non-negative integer.</summary>
    public float Label(int day) => _units[Simulated(day)];

    /// <summary>Writes the features of <paramref name="day"/>, in <see cref="SalesFeatures.Names"/> order.</summary>
    public void Features(int day, Span<float> into)
    {
        var i = Simulated(day);
        if (into.Length != SalesFeatures.Count)
            throw new ArgumentException($"The span must hold exactly {SalesFeatures.Count} features; it holds {into.Length}.", nameof(into));

        var date = SalesCalendar.Date(day);
        var week = i / 7;
        into[SalesFeatures.Wday] = SalesCalendar.Wday(day);
        into[SalesFeatures.Month] = date.Month;
        into[SalesFeatures.MonthDay] = date.Day;
        into[SalesFeatures.Snap] = SalesCalendar.IsSnap(_state, date) ? 1 : 0;
        into[SalesFeatures.SellPrice] = _prices.SellCents(week) / 100f;
        into[SalesFeatures.PriceRatio] = (float)_prices.Ratio(week);
        into[SalesFeatures.Lag7] = _units[i - 7];
        into[SalesFeatures.Lag14] = _units[i - 14];
        into[SalesFeatures.Lag28] = _units[i - 28];
        into[SalesFeatures.Mean7To13] = MeanOf(i - 13, i - 7);
        into[SalesFeatures.Mean7To34] = MeanOf(i - 34, i - 7);
        into[SalesFeatures.StoreId] = _store;
        into[SalesFeatures.ItemId] = _item;
        into[SalesFeatures.DeptId] = _department.Code;
        into[SalesFeatures.CatId] = _department.Category.Code;
    }

    public override string ToString() => Name;

    private int Simulated(int day)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(day, Days);
        return day + DemandSimulation.WarmUpDays;
    }

    /// <summary>Mean units of simulated days first..last, both included.</summary>
    private float MeanOf(int first, int last) =>
        (float)((_runningTotal[last + 1] - _runningTotal[first]) / (double)(last - first + 1));
}
