using System.CommandLine;
using System.Globalization;

namespace Pipeline.Cli.Commands;

/// <summary>An option that takes an age as a whole number of days, hours or minutes: 7d, 12h, 30m.</summary>
internal static class AgeOption
{
    public static Option<TimeSpan> Create(string name, TimeSpan defaultAge, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultAge,
        CustomParser = result =>
        {
            if (TryParse(result.Tokens[0].Value, out var age))
                return age;
            result.AddError($"{name} takes a whole number with d, h or m (7d, 12h, 30m), not '{result.Tokens[0].Value}'.");
            return default;
        },
    };

    private static bool TryParse(string text, out TimeSpan age)
    {
        age = default;
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return false;
        age = text[^1] switch
        {
            'd' => TimeSpan.FromDays(n),
            'h' => TimeSpan.FromHours(n),
            'm' => TimeSpan.FromMinutes(n),
            _ => TimeSpan.MinValue,
        };
        return age != TimeSpan.MinValue;
    }
}
