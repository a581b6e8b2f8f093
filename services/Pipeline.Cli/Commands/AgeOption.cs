using System.CommandLine;
using System.Globalization;

namespace Pipeline.Cli.Commands;

/// <summary>An option that takes an age as a whole number of days, hours or minutes: 7d, 12h, 30m.</summary>
internal static class AgeOption
{
    /// <param name="allowZero">Whether 0 means something (everything, at once); where it would reach what is in use, it is refused.</param>
    public static Option<TimeSpan> Create(string name, TimeSpan defaultAge, string description, bool allowZero = false) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultAge,
        CustomParser = result =>
        {
            if (TryParse(result.Tokens[0].Value, allowZero ? 0 : 1, out var age))
                return age;
            result.AddError($"{name} takes a whole number from {(allowZero ? 0 : 1)} with d, h or m (7d, 12h, 30m), not '{result.Tokens[0].Value}'.");
            return default;
        },
    };

    private static bool TryParse(string text, int least, out TimeSpan age)
    {
        age = default;
        // Whole days up to about 27 years: beyond, TimeSpan cannot hold the minutes.
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < least || n > 10_000)
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
