using Pipeline.Data.RecordIO;

namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// application/x-recordio-protobuf: one aialgs.data.Record per row, features["values"] dense or sparse (expanded to
/// the model's feature_dim), Float32; a label, if present, is ignored.
/// </summary>
public sealed class RecordIoFeatureRows : FeatureRows, IDisposable
{
    private readonly RecordIoReader _reader;

    public RecordIoFeatureRows(ReadOnlyMemory<byte> body, int featureDim)
    {
        var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);
        _reader = new RecordIoReader(stream, new RecordIoReadOptions { FeatureDim = featureDim, Float32Only = true });
    }

    public override bool TryReadRow(Span<float> features)
    {
        RecordIoRecord record;
        try
        {
            if (!_reader.TryRead(out record))
                return false;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException($"Record {RowsRead + 1}: {e.Message}");
        }

        RowsRead++;
        if (record.Features.Length != features.Length)
            throw WrongWidth("Record", RowsRead, record.Features.Length, features.Length);
        record.Features.CopyTo(features);
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
