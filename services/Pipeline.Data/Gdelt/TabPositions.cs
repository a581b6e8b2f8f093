using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// Every tab of a line in one vectorised pass: 32 (or 16) bytes are compared at a time and the tab positions read
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
        if (Vector256.IsHardwareAccelerated && line.Length >= Vector256<byte>.Count)
        {
            var tab = Vector256.Create(Tab);
            for (; i + Vector256<byte>.Count <= line.Length; i += Vector256<byte>.Count)
                count = Flatten(Vector256.Equals(Vector256.LoadUnsafe(ref bytes, (nuint)i), tab).ExtractMostSignificantBits(), i, ref at, count, from, to);
            if (i < line.Length)
            {
                // The rest in one chunk that ends with the line, less the bytes already seen.
                var last = line.Length - Vector256<byte>.Count;
                var mask = Vector256.Equals(Vector256.LoadUnsafe(ref bytes, (nuint)last), tab).ExtractMostSignificantBits();
                count = Flatten(mask >> (i - last), i, ref at, count, from, to);
            }

            return count;
        }

        if (Vector128.IsHardwareAccelerated && line.Length >= Vector128<byte>.Count)
        {
            var tab = Vector128.Create(Tab);
            for (; i + Vector128<byte>.Count <= line.Length; i += Vector128<byte>.Count)
                count = Flatten(Vector128.Equals(Vector128.LoadUnsafe(ref bytes, (nuint)i), tab).ExtractMostSignificantBits(), i, ref at, count, from, to);
            if (i < line.Length)
            {
                var last = line.Length - Vector128<byte>.Count;
                var mask = Vector128.Equals(Vector128.LoadUnsafe(ref bytes, (nuint)last), tab).ExtractMostSignificantBits();
                count = Flatten(mask >> (i - last), i, ref at, count, from, to);
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
