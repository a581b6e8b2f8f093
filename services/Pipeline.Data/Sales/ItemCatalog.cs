namespace Pipeline.Data.Sales;

/// <summary>
/// Item index to department and number. Departments are interleaved by smooth weighted round robin over their M5
/// sizes, so every prefix of the items (a shape with few items) holds the departments in about M5's proportions,
/// and all 3,049 hold exactly M5's counts. Items are numbered 1, 2, ... within their department in index order,
/// so an item's identity does not depend on how many items a shape has.
/// </summary>
internal static class ItemCatalog
{
    public const int Count = 3049;

    private static readonly (byte Department, short Number)[] Items = Interleave();

    public static Department DepartmentOf(int item) => Departments.All[Items[item].Department];

    /// <summary>M5's item id: department and 3-digit number, e.g. "FOODS_1_001".</summary>
    public static string Name(int item) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DepartmentOf(item).Name}_{Items[item].Number:000}");

    private static (byte, short)[] Interleave()
    {
        var departments = Departments.All;
        var credit = new int[departments.Count];
        var numbered = new short[departments.Count];
        var items = new (byte, short)[Count];
        for (var i = 0; i < Count; i++)
        {
            var chosen = 0;
            for (var d = 0; d < departments.Count; d++)
            {
                credit[d] += departments[d].ItemCount;
                if (credit[d] > credit[chosen])
                    chosen = d;
            }

            credit[chosen] -= Count;
            items[i] = ((byte)chosen, ++numbered[chosen]);
        }

        return items;
    }
}
