namespace Pipeline.Cli.Output.Report;

/// <summary>
/// One colour per variant, the same in every chart: the Okabe-Ito palette, which stays distinguishable with the
/// common colour-vision deficiencies (yellow left out: too light on white).
/// </summary>
public sealed class VariantPalette(IEnumerable<string> variants)
{
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    private readonly List<string> _variants = [.. variants];

    public string ColourOf(string variant)
    {
        var index = _variants.IndexOf(variant);
        return Colours[(index < 0 ? _variants.Count : index) % Colours.Length];
    }
}
