namespace Pipeline.Benchmarks;

/// <summary>Whether two files hold the same bytes, and where they first differ.</summary>
internal static class SameBytes
{
    public static string Compare(string ours, string theirs)
    {
        using var a = File.OpenRead(ours);
        using var b = File.OpenRead(theirs);
        if (a.Length != b.Length)
            return $"differ: {a.Length:N0} bytes against {b.Length:N0}";
        var left = new byte[1 << 20];
        var right = new byte[1 << 20];
        long offset = 0;
        int read;
        while ((read = a.Read(left)) > 0)
        {
            b.ReadExactly(right, 0, read);
            var mismatch = left.AsSpan(0, read).CommonPrefixLength(right.AsSpan(0, read));
            if (mismatch < read)
                return $"differ: first at byte {offset + mismatch:N0}";
            offset += read;
        }

        return $"identical ({offset:N0} bytes)";
    }
}
