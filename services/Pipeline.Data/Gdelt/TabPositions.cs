using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// Every tab of a line in one vectorised pass: 32 bytes are compared at a time and the tab positions read
/// off the match mask eight at a time, whatever the mask holds (the spare writes land in slack at the end of the
/// buffer and are overwritten), so a chunk costs the same few instructions and one predictable branch however its
/// tabs fall. One IndexOf per field would restart the search 57 times a line; a bit-by-bit loop mispredicts at each
/// chunk's last tab.
/// </summary>
internal static class TabPositions
{
    /// <summary>The most tabs whose positions can be recorded: more than a GDELT row has (57).</summary>
    public const int Recorded = 64;

    /// <summary>The length the caller's buffer needs: the recorded positions and the slack the eight-at-a-time writes use.</summary>
    public const int BufferLength = Recorded + Slack;

    // A chunk recorded while fewer than `to` are known writes at most its tab count (up to 32) plus 7 beyond them.
    private const int Slack = 40;
    private const byte Tab = (byte)'\t';
    private const int Chunk = 32;

    /// <summary>
    /// Writes the position of tab k to <c>positions[k]</c> for <paramref name="from"/> &lt;= k &lt; <paramref name="to"/>
    /// (at most <see cref="Recorded"/>; other entries hold nothing meaningful) and returns how many tabs the line has in
    /// all. Chunks with no tab in that range are only counted.
    /// </summary>
    public static int Find(ReadOnlySpan<byte> line, Span<int> positions, int from = 0, int to = Recorded)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(positions.Length, BufferLength, nameof(positions));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to, Recorded);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        ref var bytes = ref MemoryMarshal.GetReference(line);
        ref var at = ref MemoryMarshal.GetReference(positions);
        var count = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && line.Length >= Chunk)
        {
            for (; i + Chunk <= line.Length; i += Chunk)
                count = Flatten(TabMask(ref bytes, i), i, ref at, count, from, to);
            if (i < line.Length)
            {
                // The rest in one chunk that ends with the line, less the bytes already seen.
                var last = line.Length - Chunk;
                count = Flatten(TabMask(ref bytes, last) >> (i - last), i, ref at, count, from, to);
            }

            return count;
        }

        for (; i < line.Length; i++)
            if (line[i] == Tab)
            {
                if (count >= from && count < to)
                    positions[count] = i;
                count++;
            }

        return count;
    }

    /// <summary>Bit k set when byte <paramref name="offset"/> + k is a tab, for the 32 bytes from there: one AVX2 compare, or two of 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint TabMask(ref byte bytes, int offset)
    {
        if (Vector256.IsHardwareAccelerated)
            return Vector256.Equals(Vector256.LoadUnsafe(ref bytes, (nuint)offset), Vector256.Create(Tab)).ExtractMostSignificantBits();
        var tab = Vector128.Create(Tab);
        var low = Vector128.Equals(Vector128.LoadUnsafe(ref bytes, (nuint)offset), tab).ExtractMostSignificantBits();
        var high = Vector128.Equals(Vector128.LoadUnsafe(ref bytes, (nuint)offset + 16), tab).ExtractMostSignificantBits();
        return low | (high << 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Flatten(uint mask, int offset, ref int positions, int count, int from, int to)
    {
        var found = BitOperations.PopCount(mask);
        if (count + found > from && count < to)
        {
            ref var next = ref Unsafe.Add(ref positions, count);
            while (mask != 0)
            {
                // TrailingZeroCount(0) is 32: past the end of the chunk, and only ever written to slack or overwritten.
                next = offset + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                Unsafe.Add(ref next, 1) = offset + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                Unsafe.Add(ref next, 2) = offset + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                Unsafe.Add(ref next, 3) = offset + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                Unsafe.Add(ref next, 4) = offset + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                Unsafe.Add(ref next, 5) = offset + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                Unsafe.Add(ref next, 6) = offset + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                Unsafe.Add(ref next, 7) = offset + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                next = ref Unsafe.Add(ref next, 8);
            }
        }

        return count + found;
    }
}
