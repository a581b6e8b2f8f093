using System.Globalization;
using System.Runtime.CompilerServices;
using Pipeline.Data.RecordIO;
using Pipeline.Storage;

namespace Pipeline.Evaluator;

/// <summary>
/// Reads a test object from the object store: RecordIO-protobuf (.data, as ingestion writes it) or label-first CSV
/// without header (.csv, as a prepared dataset may hold it).
/// </summary>
public sealed class ObjectStoreTestSetReader(IObjectStore store) : ITestSetReader
{
    /// <summary>A test object named .csv is label-first CSV; anything else RecordIO-protobuf.</summary>
    public static bool IsCsv(string testObjectUri) => testObjectUri.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public async IAsyncEnumerable<DenseRow> ReadAsync(string testObjectUri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(testObjectUri, cancellationToken);
        var rows = IsCsv(testObjectUri)
            ? ReadLabelFirstCsv(stream, testObjectUri)
            : DenseDataset.ReadRows(stream, new RecordIoReadOptions { Float32Only = true }, leaveOpen: true);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    private static IEnumerable<DenseRow> ReadLabelFirstCsv(Stream stream, string uri)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        var line = 0;
        int? width = null;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
                continue;
            var fields = text.Split(',');
            if (width is { } w && fields.Length != w)
                throw new InvalidDataException($"{uri} line {line}: {fields.Length} fields, expected {w} like the first row.");
            width = fields.Length;
            if (fields.Length < 2)
                throw new InvalidDataException($"{uri} line {line}: expected a label and at least one feature.");
            var values = new float[fields.Length];
            for (var i = 0; i < fields.Length; i++)
                if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                    throw new InvalidDataException($"{uri} line {line}: field {i + 1} '{fields[i]}' is not a number.");
            yield return new DenseRow(values[1..], values[0]);
        }
    }
}
