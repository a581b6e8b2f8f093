using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// Every tab of a line in one vectorised pass: 32 (or 16) bytes are compared at a time and the tabs read off the
/// match mask, where one IndexOf per field would restart the search 48 times a line. Only the tabs around the
/// fields the caller reads are located one by one; the others are counted with a popcount.
/// </summary>
internal static class TabPositions
{
    private const byte Tab = (byte)'\t';

    /// <summary>
    /// Writes the position of tab k to <c>positions[k]</c> for k from <paramref name="from"/> up to <c>positions.Length</c>
    /// (entries below <paramref name="from"/> are left alone); returns how many tabs the line has in all. Tabs outside that
    /// range are only counted, a whole mask at a time.
    /// </summary>
    public static int Find(ReadOnlySpan<byte> line, Span<int> positions, int from = 0)
    {
        ref var start = ref MemoryMarshal.GetReference(line);
        var count = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var tab = Vector256.Create(Tab);
            for (; i + Vector256<byte>.Count <= line.Length; i += Vector256<byte>.Count)
                count = Record(Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)i), tab).ExtractMostSignificantBits(), i, positions, from, count);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var tab = Vector128.Create(Tab);
            for (; i + Vector128<byte>.Count <= line.Length; i += Vector128<byte>.Count)
                count = Record(Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i), tab).ExtractMostSignificantBits(), i, positions, from, count);
        }

        for (; i < line.Length; i++)
            if (line[i] == Tab)
            {
                if (count >= from && count < positions.Length)
                    positions[count] = i;
                count++;
            }

        return count;
    }

    private static int Record(uint mask, int offset, Span<int> positions, int from, int count)
    {
        var found = BitOperations.PopCount(mask);
        if (count + found <= from || count >= positions.Length)
            return count + found;

        while (mask != 0 && count < positions.Length)
        {
            if (count >= from)
                positions[count] = offset + BitOperations.TrailingZeroCount(mask);
            count++;
            mask &= mask - 1;
        }

        return count + BitOperations.PopCount(mask);
    }
}
