using Pipeline.Data.RecordIO;
using System.Runtime.CompilerServices;

namespace Pipeline.Evaluator.Tests.Doubles;

/// <summary>Serves rows from memory, one at a time, counting how many it has handed out.</summary>
public sealed class TestSetDouble(IReadOnlyList<DenseRow> rows) : ITestSetReader
{
    private int _yielded;

    public int Yielded => Volatile.Read(ref _yielded);

    public string? RequestedUri { get; private set; }

    public async IAsyncEnumerable<DenseRow> ReadAsync(string testObjectUri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RequestedUri = testObjectUri;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            Interlocked.Increment(ref _yielded);
            yield return row;
        }
    }

    /// <summary>
    /// Rows whose features are small multiples of 1/8 (exact in binary and in 6 digits of %g, so the endpoint
    /// sees them unrounded) with label = the model's score plus noise.
    /// </summary>
    public static List<DenseRow> Linear(Random random, int count, Func<IReadOnlyList<double>, double> model, int features = 25) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, features).Select(_ => random.Next(-8000, 8000) / 8f).ToArray();
            var label = (float)(model(x.Select(v => (double)v).ToArray()) + (random.NextDouble() - 0.5) * 4);
            return new DenseRow(x, label);
        }).ToList();
}
