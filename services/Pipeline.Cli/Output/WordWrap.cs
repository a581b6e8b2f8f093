using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Cli.Output;

/// <summary>
/// Breaks a sentence into lines at spaces, never between a number and its unit ("21.5 s", "5.0 %", "3.9 x"), so a
/// figure is read whole; the console's own wrapping would split "21.5 ⏎ s)".
/// </summary>
public static partial class WordWrap
{
    public static IReadOnlyList<string> Lines(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in NumberAndUnit().Replace(text, "\u00A0").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
            lines.Add(line.ToString());
        return lines.Select(l => l.Replace('\u00A0', ' ')).ToList();
    }

    /// <summary>The space between a figure and the unit after it.</summary>
    [GeneratedRegex(@"(?<=\d) (?=(?:ms|s|%|x|×)(?![\p{L}\d]))")]
    private static partial Regex NumberAndUnit();
}
