namespace Pipeline.Data.Gdelt;

/// <summary>Finding and opening GDELT year files, compressed or not.</summary>
public static class GdeltFiles
{
    /// <summary>Names a year's file may have, in order of preference (matched case-insensitively); GDELT's own site serves <c>&lt;year&gt;.zip</c>.</summary>
    public static IReadOnlyList<string> YearFileNames(int year) =>
    [
        $"{year}.csv", $"{year}.tsv", $"{year}.txt", $"{year}.csv.gz", $"{year}.tsv.gz", $"{year}.gz",
        $"{year}.zip", $"{year}.csv.zip", $"{year}.tsv.zip",
    ];

    /// <summary>The path of the year's file in <paramref name="folder"/>, or null when there is none.</summary>
    public static string? FindYear(string folder, int year)
    {
        if (!Directory.Exists(folder))
            return null;

        var present = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.EnumerateFiles(folder, $"{year}*"))
            present.TryAdd(Path.GetFileName(path), path);

        foreach (var name in YearFileNames(year))
            if (present.TryGetValue(name, out var path))
                return path;
        return null;
    }

    /// <summary>Opens a file for <see cref="GdeltReader"/>, decompressed as its content says.</summary>
    public static Stream Open(string path) =>
        OpenText(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan), Path.GetFileName(path));

    /// <summary>
    /// The text of a GDELT file whatever its packing, judged by content rather than name: gzip (1f 8b), zip
    /// (PK 03 04: the first entry, read from its local header so that the stream need not be seekable), else
    /// plain. A gzip file's members and a zip entry are checked as they end (CRC-32 and length): a truncated or corrupt
    /// file throws <see cref="InvalidDataException"/> naming it, rather than giving part of its rows. The returned
    /// stream owns <paramref name="raw"/>.
    /// </summary>
    /// <param name="name">Names the file in errors.</param>
    public static Stream OpenText(Stream raw, string name)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Span<byte> magic = stackalloc byte[4];
        var stream = Peek(raw, magic, out var peeked);
        magic = magic[..peeked];

        if (magic is [0x1f, 0x8b, ..])
            return new GzipMembers(stream, name);
        if (magic is [(byte)'P', (byte)'K', 3, 4])
            return ZipFirstEntry.Open(stream, name);
        return stream;
    }

    /// <summary>Reads the first bytes and gives back a stream that still starts with them.</summary>
    private static Stream Peek(Stream raw, Span<byte> magic, out int peeked)
    {
        var position = raw.CanSeek ? raw.Position : 0;
        peeked = 0;
        int read;
        while (peeked < magic.Length && (read = raw.Read(magic[peeked..])) > 0)
            peeked += read;

        if (raw.CanSeek)
        {
            raw.Position = position;
            return raw;
        }

        return new PrefixedStream(magic[..peeked].ToArray(), raw);
    }
}
