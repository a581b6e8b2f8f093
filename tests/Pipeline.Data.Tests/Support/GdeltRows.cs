using System.Text;
using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Tests.Support;

/// <summary>Hand-made GDELT lines and a way to read a whole stream.</summary>
public static class GdeltRows
{
    /// <summary>A line of <paramref name="columns"/> tab-separated fields (no newline); the seven read fields as given, the rest filler.</summary>
    public static string Line(string eventCode = "042", string numArticles = "3", string avgTone = "-1.5", string lat1 = "38.8951",
        string long1 = "-77.0364", string lat2 = "51.5", string long2 = "-0.116667", int columns = 57)
    {
        var fields = Enumerable.Range(0, columns).Select(i => $"f{i}").ToArray();
        void Set(int index, string value)
        {
            if (index < columns)
                fields[index] = value;
        }

        Set(26, eventCode);
        Set(33, numArticles);
        Set(34, avgTone);
        Set(39, lat1);
        Set(40, long1);
        Set(46, lat2);
        Set(47, long2);
        return string.Join('\t', fields);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static List<GdeltEvent> ReadAll(Stream stream, out GdeltReadReport report, int bufferBytes = GdeltReader.DefaultBufferBytes,
        int maxLineBytes = GdeltReader.DefaultMaxLineBytes)
    {
        using var reader = new GdeltReader(stream, "test", bufferBytes, maxLineBytes);
        var rows = new List<GdeltEvent>();
        while (reader.TryRead(out var row))
            rows.Add(row);
        report = reader.Report;
        return rows;
    }

    public static List<GdeltEvent> ReadAll(byte[] content, out GdeltReadReport report) => ReadAll(new MemoryStream(content), out report);
}
