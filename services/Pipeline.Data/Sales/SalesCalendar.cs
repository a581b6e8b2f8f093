namespace Pipeline.Data.Sales;

/// <summary>A day's place in the calendar.</summary>
internal readonly record struct CalendarDate(byte Month, byte Day, short DayOfYear);

/// <summary>
/// Day numbers to dates: day 0 is M5's d_1, Saturday 29 January 2011; negative days are the warm-up before it.
/// Tabulated once for every day a series can have, since the simulation asks for every day's date.
/// </summary>
internal static class SalesCalendar
{
    public static readonly DateOnly FirstDay = new(2011, 1, 29);

    private const int FirstTabulated = -DemandSimulation.WarmUpDays;

    private static readonly CalendarDate[] Dates = Tabulate();

    // M5's calendar.csv: snap_CA on days 1-10 of every month; snap_TX on 1, 3, 5, 6, 7, 9, 11, 12, 13, 15;
    // snap_WI on 2, 3, 5, 6, 8, 9, 11, 12, 14, 15. Bit n is day n of the month.
    private static readonly int[] SnapDays =
    [
        Bits(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        Bits(1, 3, 5, 6, 7, 9, 11, 12, 13, 15),
        Bits(2, 3, 5, 6, 8, 9, 11, 12, 14, 15),
    ];

    /// <param name="day">From -<see cref="DemandSimulation.WarmUpDays"/> to <see cref="SalesShape.MaxDays"/> - 1.</param>
    public static CalendarDate Date(int day) => Dates[day - FirstTabulated];

    /// <summary>M5's wday: 1 = Saturday, 2 = Sunday, ... 7 = Friday.</summary>
    public static int Wday(int day) => ((day % 7) + 7) % 7 + 1;

    public static bool IsSnap(UsState state, CalendarDate date) => (SnapDays[(int)state] >> date.Day & 1) != 0;

    /// <summary>Walmart closes on Christmas Day; M5's stores sell nothing then.</summary>
    public static bool IsClosed(CalendarDate date) => date is { Month: 12, Day: 25 };

    private static CalendarDate[] Tabulate()
    {
        var dates = new CalendarDate[SalesShape.MaxDays - FirstTabulated];
        for (var i = 0; i < dates.Length; i++)
        {
            var date = FirstDay.AddDays(i + FirstTabulated);
            dates[i] = new CalendarDate((byte)date.Month, (byte)date.Day, (short)date.DayOfYear);
        }

        return dates;
    }

    private static int Bits(params int[] days) => days.Aggregate(0, (bits, day) => bits | 1 << day);
}
