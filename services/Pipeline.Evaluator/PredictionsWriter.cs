using System.Buffers;
using System.Globalization;

namespace Pipeline.Evaluator;

/// <summary>
/// Writes every (actual, predicted) pair of a test set to a stream as CSV: the header <c>actual,predicted</c>, then
/// one line per row in test order, each number the shortest text that parses back to the very double the metrics
/// used (the float label widened to double; the endpoint's score), with the exponent as C's %g writes it
/// (<c>1e-05</c>, <c>2.5e+20</c>). Batches may be handed in any order: one that finishes early waits in memory (its
/// labels and scores only, 12 bytes a row) until those before it are written. Every written pair also goes to the
/// <see cref="PredictionSample"/>, so the sample follows test order. Safe to call from several threads.
/// </summary>
public sealed class PredictionsWriter : IAsyncDisposable
{
    public const string Header = "actual,predicted\n";

    private const int BufferSize = 64 * 1024;

    /// <summary>The longest line: two of "-1.2345678901234567e-308" (24 bytes), a comma and a newline.</summary>
    private const int MaxLineBytes = 2 * 24 + 2;

    private readonly Stream _stream;
    private readonly PredictionSample _sample;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Dictionary<int, (float[] Labels, double[] Scores)> _waiting = [];
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _length;
    private int _nextBatch;

    public PredictionsWriter(Stream stream, PredictionSample sample)
    {
        _stream = stream;
        _sample = sample;
        _length = System.Text.Encoding.ASCII.GetBytes(Header, Buffer);
    }

    public long RowsWritten { get; private set; }

    /// <summary>Hands in batch <paramref name="batchIndex"/> (0, 1, 2, ... in test order); writes it and any waiting batches that now follow in order.</summary>
    public async Task AddAsync(int batchIndex, float[] labels, double[] scores, CancellationToken cancellationToken)
    {
        if (labels.Length != scores.Length)
            throw new ArgumentException($"Batch {batchIndex} has {labels.Length} labels and {scores.Length} scores.", nameof(scores));
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (batchIndex < _nextBatch || !_waiting.TryAdd(batchIndex, (labels, scores)))
                throw new InvalidOperationException($"Batch {batchIndex} was handed in twice.");
            while (_waiting.Remove(_nextBatch, out var next))
            {
                for (var i = 0; i < next.Labels.Length; i++)
                {
                    if (BufferSize - _length < MaxLineBytes)
                        await FlushBufferAsync(cancellationToken);
                    WriteLine(next.Labels[i], next.Scores[i]);
                }

                _nextBatch++;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Writes what is buffered; fails when a batch is still waiting for one before it that never came.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_waiting.Count > 0)
                throw new InvalidOperationException(
                    $"Batch {_nextBatch} never came; batches {string.Join(", ", _waiting.Keys.Order())} are waiting for it.");
            await FlushBufferAsync(cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Returns the buffer; the stream belongs to the caller and stays open.</summary>
    public ValueTask DisposeAsync()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _turn.Dispose();
        return ValueTask.CompletedTask;
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PredictionsWriter));

    private void WriteLine(float label, double score)
    {
        double actual = label;
        var line = Buffer.AsSpan(_length);
        var length = WriteNumber(actual, line);
        line[length++] = (byte)',';
        length += WriteNumber(score, line[length..]);
        line[length++] = (byte)'\n';
        _length += length;
        RowsWritten++;
        _sample.Add(actual, score);
    }

    /// <summary>The shortest round-trip form ("R"), with %g's lower-case exponent marker.</summary>
    private static int WriteNumber(double value, Span<byte> destination)
    {
        if (!value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"No room to write {value}."); // MaxLineBytes covers every double
        var exponent = destination[..written].IndexOf((byte)'E');
        if (exponent >= 0)
            destination[exponent] = (byte)'e';
        return written;
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (_length == 0)
            return;
        await _stream.WriteAsync(Buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }
}
