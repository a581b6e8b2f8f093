using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Evaluator.Tests.Doubles;

/// <summary>
/// An endpoint whose model is a known function of the CSV features it receives: it parses each text/csv body
/// and answers linear learner's JSON. Records calls, bodies and how many calls were in flight at once.
/// </summary>
public sealed class LinearEndpointDouble(Func<IReadOnlyList<double>, double> model) : IEndpointInvoker
{
    private int _inFlight;
    private int _maxInFlight;
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);
    public List<string> ContentTypes { get; } = [];
    public List<string> Accepts { get; } = [];
    public List<int> BodySizes { get; } = [];

    /// <summary>Time each call takes, so that calls overlap.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Changes the answer for a call (its number, 1-based; the scores); null answers normally.</summary>
    public Func<int, double[], EndpointResponse?>? Override { get; init; }

    /// <summary>Thrown instead of answering, for the given call number (1-based).</summary>
    public Func<int, Exception?>? Failure { get; init; }

    /// <summary>Runs when a call starts, with the number of calls in flight.</summary>
    public Func<int, Task>? OnCallStarted { get; init; }

    public async Task<EndpointResponse> InvokeEndpointAsync(string endpointName, string contentType, string accept,
        ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            UpdateMax(inFlight);
            lock (ContentTypes)
            {
                ContentTypes.Add(contentType);
                Accepts.Add(accept);
                BodySizes.Add(body.Length);
            }

            if (OnCallStarted is { } started)
                await started(inFlight);
            if (Latency > TimeSpan.Zero)
                await Task.Delay(Latency, cancellationToken);
            if (Failure?.Invoke(call) is { } failure)
                throw failure;

            var scores = Encoding.ASCII.GetString(body.Span).Split('\n')
                .Select(line => model(line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()))
                .ToArray();
            return Override?.Invoke(call, scores) ?? Answer(scores);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static EndpointResponse Answer(IEnumerable<double> scores) =>
        new(JsonSerializer.SerializeToUtf8Bytes(new { predictions = scores.Select(s => new { score = s }) }), "application/json");

    private void UpdateMax(int inFlight)
    {
        int seen;
        while (inFlight > (seen = Volatile.Read(ref _maxInFlight)))
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen);
    }
}
