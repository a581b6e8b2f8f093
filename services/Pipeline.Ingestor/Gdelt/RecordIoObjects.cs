using Pipeline.Contracts;
using Pipeline.Data.RecordIO;
using Pipeline.Data.Transform;
using Pipeline.Storage;

namespace Pipeline.Ingestor.Gdelt;

/// <summary>Kept rows written as one RecordIO-protobuf object (the ingest benchmark writes its objects through this too).</summary>
public static class RecordIoObjects
{
    /// <summary>Writes <paramref name="range"/> of <paramref name="rows"/>, in order, to <paramref name="uri"/>; the encoding runs off the caller's thread.</summary>
    public static Task<StoredObject> WriteRecordIoAsync(this IObjectStore store, string uri, KeptRows rows, Range range,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rows);
        return store.WriteAsync(uri, (stream, ct) => Task.Run(() =>
        {
            using var writer = new RecordIoWriter(stream);
            rows.WriteTo(writer, range, ct);
        }, ct), cancellationToken);
    }
}
