namespace Pipeline.Data.Gdelt;

/// <summary>
/// The common shape of GDELT's numbers ("-3.1234567890", "38.8951", "12") parsed in one loop, without the generic
/// parser's set-up: an optional '-', at most 15 digits and at most one '.' with digits after it. The digits make an
/// integer below 2^53 and 10^scale (scale at most 15) is exact, so one IEEE division rounds correctly: the result is
/// bit for bit what double.Parse gives (Clinger's fast path). Anything else is left to double.TryParse.
/// </summary>
internal static class ShortDecimal
{
    private const int MaxDigits = 15;

    private static ReadOnlySpan<double> PowersOfTen =>
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>False when the text is not of the short shape, whether or not it is a number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var negative = !text.IsEmpty && text[0] == (byte)'-';
        var i = negative ? 1 : 0;
        ulong significand = 0;
        var digits = 0;
        var point = -1;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - (byte)'0');
            if (digit <= 9)
            {
                significand = significand * 10 + digit;
                digits++;
            }
            else if (text[i] == (byte)'.' && point < 0)
            {
                point = i;
            }
            else
            {
                return false;
            }
        }

        var scale = point < 0 ? 0 : text.Length - point - 1;
        if (digits is 0 or > MaxDigits || (point >= 0 && scale == 0))
            return false;

        var magnitude = (double)significand / PowersOfTen[scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
