using System.Buffers.Binary;
using System.Runtime.CompilerServices;

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
        ReadDigits(text, ref i, ref significand);
        var digits = i - (negative ? 1 : 0);
        var scale = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.')
                return false;
            var fraction = ++i;
            ReadDigits(text, ref i, ref significand);
            scale = i - fraction;
            if (scale == 0 || i < text.Length)
                return false;
            digits += scale;
        }

        if (digits is 0 or > MaxDigits) // past 19 digits the significand has wrapped: refused here all the same
            return false;

        var magnitude = (long)significand / PowersOfTen[scale]; // below 2^53: the signed conversion is exact and cheaper
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>Appends the digits from <paramref name="i"/> on to <paramref name="significand"/>, eight at a time while it can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReadDigits(ReadOnlySpan<byte> text, ref int i, ref ulong significand)
    {
        while (text.Length - i >= sizeof(ulong))
        {
            // Little-endian, so the first character is the lowest byte, whatever the machine.
            var eight = BinaryPrimitives.ReadUInt64LittleEndian(text[i..]);
            if (!AreEightDigits(eight))
                break;
            significand = significand * 100_000_000 + EightDigits(eight);
            i += sizeof(ulong);
        }

        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - (byte)'0');
            if (digit > 9)
                break;
            significand = significand * 10 + digit;
        }
    }

    /// <summary>Every byte is '0'-'9': subtracting '0' borrows into the top bit below it, adding 0x46 carries into it above '9'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AreEightDigits(ulong eight) =>
        (((eight + 0x4646464646464646) | (eight - 0x3030303030303030)) & 0x8080808080808080) == 0;

    /// <summary>
    /// The value of eight digit characters in three multiplications: adjacent digits are combined into pairs, then the
    /// four pairs into one number, the multiplier's halves weighting each pair at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong eight)
    {
        eight -= 0x3030303030303030;
        eight = eight * 10 + (eight >> 8); // each even byte: ten times its digit plus the next
        const ulong Pairs = 0x000000FF000000FF; // pairs 0 and 2 (then 1 and 3 after shifting by 16)
        const ulong OuterWeights = 100 + (1_000_000UL << 32);
        const ulong InnerWeights = 1 + (10_000UL << 32);
        return ((eight & Pairs) * OuterWeights + ((eight >> 16) & Pairs) * InnerWeights) >> 32;
    }
}
