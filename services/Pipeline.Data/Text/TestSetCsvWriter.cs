using Pipeline.Data.IO;

namespace Pipeline.Data.Text;

/// <summary>
/// Writes the test year for invocation as the notebook does: a label-free <c>text/csv</c> file of features (numbers
/// as C's <c>%g</c>, ',' between them, every line ended by '\n', no header) and, beside it, the labels, one <c>%g</c>
/// per line in the same order. Buffered in pooled buffers; nothing is allocated per row.
/// </summary>
public sealed class TestSetCsvWriter : IDisposable, IAsyncDisposable
{
    private const int BufferSize = 128 * 1024;

    private readonly PooledStreamWriter _features;
    private readonly PooledStreamWriter _labels;

    public TestSetCsvWriter(Stream features, Stream labels, bool leaveOpen = false)
    {
        _features = new PooledStreamWriter(features, BufferSize, leaveOpen);
        _labels = new PooledStreamWriter(labels, BufferSize, leaveOpen);
    }

    public long RowsWritten { get; private set; }

    public void Write(ReadOnlySpan<float> features, float label)
    {
        if (features.IsEmpty)
            throw new ArgumentException("A row needs at least one feature.", nameof(features));

        var span = _features.GetSpan(features.Length * (GFormat.MaxLength + 1));
        var length = 0;
        for (var i = 0; i < features.Length; i++)
        {
            length += GFormat.Write(features[i], span[length..]);
            span[length++] = (byte)',';
        }

        span[length - 1] = (byte)'\n';
        _features.Advance(length);

        span = _labels.GetSpan(GFormat.MaxLength + 1);
        length = GFormat.Write(label, span);
        span[length++] = (byte)'\n';
        _labels.Advance(length);
        RowsWritten++;
    }

    public void Flush()
    {
        _features.Flush();
        _labels.Flush();
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        await _features.FlushAsync(cancellationToken);
        await _labels.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        try
        {
            _features.Dispose();
        }
        finally
        {
            _labels.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _features.DisposeAsync();
        }
        finally
        {
            await _labels.DisposeAsync();
        }
    }
}
