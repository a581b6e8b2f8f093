using System.Globalization;

namespace Pipeline.Cli.Specs;

/// <summary>The --years value: a range (1979-1984) or list (1979,1980,1984) or both; the last year is the test year.</summary>
public sealed record YearSelection(IReadOnlyList<int> TrainingYears, int TestYear)
{
    public const string Format = "first-last or a comma-separated list (ranges allowed); the last year is the test year";

    public static bool TryParse(string text, out YearSelection? selection, out string? error)
    {
        selection = null;
        var years = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !bounds.All(IsYear))
            {
                error = $"'{part}' in --years is not a year or a range of years ({Format}).";
                return false;
            }

            var first = ParseYear(bounds[0]);
            var last = ParseYear(bounds[^1]);
            if (last < first)
            {
                error = $"'{part}' in --years runs backwards.";
                return false;
            }

            years.AddRange(Enumerable.Range(first, last - first + 1));
        }

        if (years.Count < 2)
        {
            error = $"--years needs at least one training year and a test year ({Format}).";
            return false;
        }

        selection = new YearSelection(years[..^1], years[^1]);
        error = null;
        return true;
    }

    private static bool IsYear(string text) => text.Length == 4 && text.All(char.IsAsciiDigit);

    private static int ParseYear(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
