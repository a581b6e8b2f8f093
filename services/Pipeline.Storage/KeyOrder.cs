namespace Pipeline.Storage;

/// <summary>
/// The order S3 lists keys in: by the bytes of their UTF-8 encoding, which is code point order. Plain ordinal
/// comparison of UTF-16 differs for characters above U+FFFF, whose surrogates sort before U+E000..U+FFFF.
/// </summary>
public sealed class KeyOrder : IComparer<string>
{
    public static KeyOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
            return x is null ? (y is null ? 0 : -1) : 1;
        var common = Math.Min(x.Length, y.Length);
        var at = x.AsSpan(0, common).CommonPrefixLength(y.AsSpan(0, common));
        return at < common ? CodePointRank(x[at]) - CodePointRank(y[at]) : x.Length - y.Length;
    }

    private static int CodePointRank(char c) => c switch
    {
        >= '\uE000' => c - 0x800,   // U+E000..U+FFFF move below the surrogates
        >= '\uD800' => c + 0x2000,  // surrogates (characters above U+FFFF) move to the top
        _ => c,
    };
}
